using System.Text.Json.Nodes;

namespace Signaling.Gateway.Tests.Fuzz;

/// <summary>
/// Values that fit a JSON Schema from an OpenAPI document (following <c>$ref</c>, type lists, <c>oneOf</c>, enums and
/// lengths), drawn from a seeded <see cref="Random"/>. Strings come mostly from a pool of ids the run has seen, so
/// generated requests reach the handlers' logic rather than stopping at "not found".
/// </summary>
public sealed class SchemaValues(JsonNode document, Random random, IdPool ids)
{
    private const int MaxDepth = 6;

    public JsonNode? For(JsonNode? schema, int depth = 0)
    {
        schema = Resolve(schema);
        if (schema is null || depth > MaxDepth)
        {
            return null;
        }

        if (schema["enum"] is JsonArray { Count: > 0 } choices)
        {
            return choices[random.Next(choices.Count)]?.DeepClone();
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray { Count: > 0 } options)
        {
            // Prefer the non-null alternative: a null is one of the mutations anyway.
            var concrete = options.Where(o => Resolve(o)?["type"]?.GetValue<string>() != "null").ToList();
            return For(concrete.Count > 0 ? concrete[random.Next(concrete.Count)] : options[0], depth + 1);
        }

        return Type(schema) switch
        {
            "object" => Object(schema, depth),
            "array" => Array(schema, depth),
            "integer" => JsonValue.Create(random.Next(4) == 0 ? random.Next(-5, 100_000) : random.Next(0, 120)),
            "number" => JsonValue.Create(Math.Round(random.NextDouble() * 100, 2)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "null" => null,
            _ => JsonValue.Create(Text(schema)),
        };
    }

    /// <summary>The properties an object schema names (after <c>$ref</c>), for mutations that drop or retype one.</summary>
    public IReadOnlyList<string> PropertiesOf(JsonNode? schema) =>
        Resolve(schema)?["properties"] is JsonObject properties ? properties.Select(p => p.Key).ToList() : [];

    public JsonNode? Resolve(JsonNode? schema)
    {
        for (var hops = 0; schema?["$ref"] is JsonValue reference && hops < 10; hops++)
        {
            schema = reference.GetValue<string>().TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate<string, JsonNode?>(document, (node, segment) => node?[segment.Replace("~1", "/", StringComparison.Ordinal)]);
        }

        return schema;
    }

    private static string? Type(JsonNode schema) => schema["type"] switch
    {
        JsonValue single => single.GetValue<string>(),
        JsonArray list => list.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => schema["properties"] is not null ? "object" : null,
    };

    private JsonObject Object(JsonNode schema, int depth)
    {
        var result = new JsonObject();
        if (schema["properties"] is JsonObject properties)
        {
            var required = (schema["required"] as JsonArray)?.Select(r => r?.GetValue<string>()).ToHashSet() ?? [];
            foreach (var (name, property) in properties)
            {
                if (required.Contains(name) || random.Next(3) > 0)
                {
                    result[name] = For(property, depth + 1);
                }
            }
        }
        else if (schema["additionalProperties"] is JsonObject values)
        {
            for (var i = random.Next(4); i > 0; i--)
            {
                result[ids.Next()] = For(values, depth + 1);
            }
        }

        return result;
    }

    private JsonArray Array(JsonNode schema, int depth)
    {
        var result = new JsonArray();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            result.Add(For(schema["items"], depth + 1));
        }

        return result;
    }

    private string Text(JsonNode schema)
    {
        var max = schema["maxLength"]?.GetValue<int>() ?? 64;
        return random.Next(5) switch
        {
            0 => "{\"k\":" + random.Next(100) + "}",
            1 => new string('x', random.Next(0, Math.Min(max, 200) + 1)),
            _ => ids.Next(),
        };
    }
}
