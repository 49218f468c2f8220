using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Signaling.Http.OpenApi;

/// <summary>
/// For surfaces that leave null properties out of their bodies, says so in the schemas: a property that can be null
/// (nullable, or of any type) is optional and, in what the gateway sends, never null. Decided once here, so every
/// schema agrees with the wire. Schemas a request body uses keep their nulls (a client may send one; the gateway reads
/// it as absent), and only become optional — on every surface. A surface that writes nulls
/// (<paramref name="responsesOmitNulls"/> false) keeps its response schemas as generated: required and nullable.
/// </summary>
public sealed class AbsentNullsTransformer(bool responsesOmitNulls) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var requests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in document.Paths?.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []) ?? [])
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                Reach(media.Schema, document, requests);
            }
        }

        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (requests.Contains(name) || responsesOmitNulls)
            {
                Rewrite(schema, keepNulls: requests.Contains(name));
            }
            else
            {
                AllowNullWhereOptional(schema);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds every component schema <paramref name="schema"/> uses, directly or not, to <paramref name="reached"/>.</summary>
    private static void Reach(IOpenApiSchema? schema, OpenApiDocument document, HashSet<string> reached)
    {
        switch (schema)
        {
            case OpenApiSchemaReference { Reference.Id: { } id }:
                if (reached.Add(id) && document.Components?.Schemas?.TryGetValue(id, out var target) == true)
                {
                    Reach(target, document, reached);
                }

                break;
            case OpenApiSchema inline:
                foreach (var part in (inline.Properties?.Values ?? []).Concat(inline.OneOf ?? []).Concat(inline.AnyOf ?? []).Concat(inline.AllOf ?? []))
                {
                    Reach(part, document, reached);
                }

                Reach(inline.Items, document, reached);
                Reach(inline.AdditionalProperties, document, reached);
                break;
        }
    }

    private static void Rewrite(IOpenApiSchema schema, bool keepNulls)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } owner)
        {
            if (schema is OpenApiSchema { Items: { } items })
            {
                Rewrite(items, keepNulls);
            }

            return;
        }

        foreach (var name in properties.Keys.ToList())
        {
            if (keepNulls && (IsNullable(properties[name]) || IsAnything(properties[name])))
            {
                owner.Required?.Remove(name);
            }
            else if (WithoutNull(properties[name]) is { } present)
            {
                properties[name] = present;
                owner.Required?.Remove(name);
            }
            else if (IsAnything(properties[name]))
            {
                owner.Required?.Remove(name);
            }

            Rewrite(properties[name], keepNulls);
        }
    }

    /// <summary>
    /// A surface that writes nulls writes a property it has no value for as null: so an optional property (one the
    /// schema does not require) may be null.
    /// </summary>
    private static void AllowNullWhereOptional(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } owner)
        {
            return;
        }

        foreach (var name in properties.Keys.Where(n => owner.Required?.Contains(n) != true).ToList())
        {
            var property = properties[name];
            if (IsNullable(property) || IsAnything(property))
            {
                continue;
            }

            if (property is OpenApiSchema { Type: { } type } inline)
            {
                inline.Type = type | JsonSchemaType.Null;
            }
            else
            {
                properties[name] = new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, property] };
            }
        }
    }

    private static bool IsNullable(IOpenApiSchema property) =>
        property is OpenApiSchema { OneOf: { } alternatives } && alternatives.Any(IsNull)
        || property is OpenApiSchema { Type: { } type } && type.HasFlag(JsonSchemaType.Null);

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
