using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Signaling.Http.Validation;

namespace Signaling.Http.OpenApi;

/// <summary>
/// Declares the refusals the HTTP edge makes for every operation before its handler runs, in the body the operation
/// already declares for its own refusals (its 400 or 401): 400, 413 and 415 where it takes a body, and 400 where it
/// reads path values or is a stream (a bad cursor).
/// </summary>
public sealed class RefusalResponsesTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var responses = operation.Responses ??= new OpenApiResponses();
        var refusal = responses.TryGetValue("400", out var bad) ? bad : responses.TryGetValue("401", out var unauthenticated) ? unauthenticated : null;
        if (refusal?.Content is not { Count: > 0 } content)
        {
            return;
        }

        var isStream = context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Any(produces => produces.ContentTypes.Contains("text/event-stream"));
        if (operation.RequestBody is not null || operation.Parameters?.Count > 0 || isStream)
        {
            Declare(responses, StatusCodes.Status400BadRequest, "The request is invalid: a field, a path value, a cursor or the body.", content);
        }

        if (operation.RequestBody is not null)
        {
            Declare(responses, StatusCodes.Status413PayloadTooLarge, "The body (or a field of it) is larger than the gateway accepts.", content);
            Declare(responses, StatusCodes.Status415UnsupportedMediaType, "The body's Content-Type (or charset) is not one this operation reads.", content);
        }

        DeclareUnavailable(responses, context.Document);
        await AddExamplesAsync(operation, context);
    }

    /// <summary>Any operation may find the store unreachable: 503, a ProblemDetails on every surface, and when to retry.</summary>
    private static void DeclareUnavailable(OpenApiResponses responses, OpenApiDocument? document) =>
        responses["503"] = new OpenApiResponse
        {
            Description = "The store (Redis, the SQLite file) is unreachable: nothing was changed. Retry after `Retry-After` seconds.",
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            },
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemDetailsSchema.Name, document) },
            },
        };

    /// <summary>Every refusal without an example gets the one its surface's problem writer really writes.</summary>
    private static async Task AddExamplesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var writer = metadata.OfType<IProblemWriter>().LastOrDefault() ?? Canonical.CanonicalProblemWriter.Instance;
        var route = context.Description.RelativePath ?? "";
        foreach (var (key, response) in operation.Responses ?? [])
        {
            if (!int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var status) || status < 400 || response.Content is not { } content)
            {
                continue;
            }

            var code = RefusalExamples.CodeFor(status, route) ?? Core.Errors.SignalingErrorCode.InvalidArgument;
            // A 503 comes from the exception handler as a ProblemDetails whatever the surface.
            var example = await RefusalExamples.WriteAsync(
                status == StatusCodes.Status503ServiceUnavailable ? Canonical.CanonicalProblemWriter.Instance : writer, status, code, context.ApplicationServices);
            foreach (var media in content.Values.Where(m => m.Example is null))
            {
                media.Example = example?.DeepClone();
            }
        }
    }

    private static void Declare(OpenApiResponses responses, int status, string description, IDictionary<string, OpenApiMediaType> content)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!responses.ContainsKey(key))
        {
            responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = content.ToDictionary(media => media.Key, media => new OpenApiMediaType { Schema = media.Value.Schema }),
            };
        }
    }
}
