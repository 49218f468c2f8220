using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Signaling.Http.OpenApi;

/// <summary>
/// For surfaces that leave null properties out of their bodies, says so in the schemas: a property that can be null
/// (nullable, or of any type) is optional and, when present, never null. Decided once here, so every schema agrees with the wire. Surfaces that
/// write nulls keep the generated schemas (required and nullable).
/// </summary>
public sealed class AbsentNullsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            Rewrite(schema);
        }

        return Task.CompletedTask;
    }

    private static void Rewrite(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } owner)
        {
            if (schema is OpenApiSchema { Items: { } items })
            {
                Rewrite(items);
            }

            return;
        }

        foreach (var name in properties.Keys.ToList())
        {
            if (WithoutNull(properties[name]) is { } present)
            {
                properties[name] = present;
                owner.Required?.Remove(name);
            }
            else if (IsAnything(properties[name]))
            {
                owner.Required?.Remove(name);
            }

            Rewrite(properties[name]);
        }
    }

    /// <summary>The schema without its null alternative, or null when it had none.</summary>
    private static IOpenApiSchema? WithoutNull(IOpenApiSchema property)
    {
        if (property is OpenApiSchema { OneOf: { Count: 2 } alternatives } && alternatives.Count(IsNull) == 1)
        {
            return alternatives.Single(a => !IsNull(a));
        }

        if (property is OpenApiSchema { Type: { } type } inline && type.HasFlag(JsonSchemaType.Null) && type != JsonSchemaType.Null)
        {
            inline.Type = type & ~JsonSchemaType.Null;
            return inline;
        }

        return null;
    }

    /// <summary>A schema that says nothing (<c>{}</c>, an <c>object</c>-typed value): its value may be null, so left out.</summary>
    private static bool IsAnything(IOpenApiSchema schema) =>
        schema is OpenApiSchema { Type: null, OneOf: null or { Count: 0 }, AnyOf: null or { Count: 0 }, AllOf: null or { Count: 0 }, Items: null, Enum: null or { Count: 0 } } any
        && (any.Properties is null || any.Properties.Count == 0);

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };
}
