using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Signaling.Http.OpenApi;

/// <summary>
/// The RFC 9457 problem every document refers to, as the gateway writes it: with the canonical error as <c>code</c>,
/// the fields at fault in <c>errors</c>, and the <c>traceId</c> to find the request in the logs.
/// </summary>
public sealed class ProblemDetailsSchema : IOpenApiDocumentTransformer
{
    public const string Name = "ProblemDetails";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Name] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem.",
            Required = new HashSet<string> { "title", "status", "code" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("A URI naming the kind of problem (the HTTP status's RFC section)."),
                ["title"] = Text("A short summary of the kind of problem."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = Text("What went wrong with this request."),
                ["instance"] = Text("The request it is about."),
                ["code"] = Text("The canonical error (InvalidArgument, Unauthenticated, InvitationNotFound, AlreadyAccepted, Unavailable, …); RouteNotFound, MethodNotAllowed or UnsupportedMediaType when no operation was reached."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "For invalid fields: each field's messages.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["traceId"] = Text("The request's trace id, as logged."),
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
