using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Signaling.Http.OpenApi;

public static class StreamDocumentation
{
    /// <summary>
    /// Declares the resume point every event stream reads from the request itself (so a generated client can pass it):
    /// <c>after</c> in the query or <c>Last-Event-ID</c>, and — for browsers, which cannot set headers on a WebSocket or
    /// EventSource — the surface's credential in the query when it has one (<paramref name="queryToken"/>).
    /// </summary>
    public static RouteHandlerBuilder WithStreamParameters(this RouteHandlerBuilder builder, string? queryToken = null) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Parameter("after", ParameterLocation.Query,
                "Resume after this event sequence number: exactly the events since come first. Without it (and without Last-Event-ID) the stream starts with the next new event."));
            operation.Parameters.Add(Parameter("Last-Event-ID", ParameterLocation.Header, "The same as `after`, as EventSource sends it when it reconnects."));
            if (queryToken is not null)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = queryToken, In = ParameterLocation.Query, Description = "The credential, for clients that cannot send headers (browser WebSocket and EventSource).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            return Task.CompletedTask;
        });

    private static OpenApiParameter Parameter(string name, ParameterLocation location, string description) => new()
    {
        Name = name, In = location, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
    };

    /// <summary>
    /// Declares what a stream's frames carry: each frame's data is one of <paramref name="payloads"/> (each a component
    /// schema, so a generator can type a listener). The SSE <c>event:</c> name says which; as payloads may share their
    /// fields, the schema says <c>anyOf</c>.
    /// </summary>
    public static RouteHandlerBuilder WithEventSchemas(this RouteHandlerBuilder builder, params Type[] payloads) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var document = context.Document!;
            var alternatives = new List<IOpenApiSchema>();
            foreach (var payload in payloads)
            {
                var name = ComponentName(payload);
                if (document.Components?.Schemas?.ContainsKey(name) != true)
                {
                    document.AddComponent(name, await context.GetOrCreateSchemaAsync(payload, null, cancellationToken));
                }

                alternatives.Add(new OpenApiSchemaReference(name, document));
            }

            var ok = (OpenApiResponse)operation.Responses!["200"];
            ok.Description = "The stream: one frame per callback, as Server-Sent Events (`id:`, `event:`, `data:`) or WebSocket text frames.";
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            ok.Content["text/event-stream"] = new OpenApiMediaType
            {
                Schema = alternatives.Count == 1 ? alternatives[0] : new OpenApiSchema { AnyOf = alternatives },
            };
        });

    /// <summary>The generator's way of naming a type's schema: <c>List&lt;NimNotify&gt;</c> is <c>ListOfNimNotify</c>.</summary>
    private static string ComponentName(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}Of{string.Join("And", type.GetGenericArguments().Select(ComponentName))}" : type.Name;
}
