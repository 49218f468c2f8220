using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Signaling.Http.OpenApi;

/// <summary>
/// Declares the refusals the HTTP edge makes for every operation before its handler runs, in the body the operation
/// already declares for its own refusals (its 400 or 401): 400, 413 and 415 where it takes a body, and 400 where it
/// reads path values or is a stream (a bad cursor).
/// </summary>
public sealed class RefusalResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var responses = operation.Responses ??= new OpenApiResponses();
        var refusal = responses.TryGetValue("400", out var bad) ? bad : responses.TryGetValue("401", out var unauthenticated) ? unauthenticated : null;
        if (refusal?.Content is not { Count: > 0 } content)
        {
            return Task.CompletedTask;
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

        return Task.CompletedTask;
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
