using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Signaling.Http.OpenApi;

/// <summary>
/// Copies <see cref="OpenApiExample"/> metadata into the document: a response serialized exactly as the surface writes
/// its bodies (<paramref name="wireJson"/>; null: the host's settings), so it shows what the wire shows, nulls included
/// or not; a request without its null properties, since a client need not send them.
/// </summary>
public sealed class ExampleTransformer(JsonSerializerOptions? wireJson) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var example = context.Description.ActionDescriptor.EndpointMetadata.OfType<OpenApiExample>().LastOrDefault();
        if (example is null)
        {
            return Task.CompletedTask;
        }

        var host = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        System.Text.Json.Nodes.JsonNode? Serialize(object value, JsonSerializerOptions? options = null)
        {
            try
            {
                return JsonSerializer.SerializeToNode(value, value.GetType(), options ?? host);
            }
            catch (NotSupportedException)
            {
                return JsonSerializer.SerializeToNode(value, value.GetType(), host); // A type only the host's settings know.
            }
        }

        if (example.Request is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
            {
                media.Example = Serialize(example.Request);
            }
        }

        var status = example.ResponseStatus.ToString(CultureInfo.InvariantCulture);
        if (example.Response is not null && operation.Responses?.TryGetValue(status, out var response) == true && response.Content is { } content)
        {
            foreach (var media in content.Values)
            {
                media.Example = Serialize(example.Response, wireJson);
            }
        }

        return Task.CompletedTask;
    }
}
