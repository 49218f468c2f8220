using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Signaling.Contract;

/// <summary>
/// Checks HTTP exchanges and stream frames against the committed OpenAPI documents (openapi/*.json): the status must be
/// one the operation declares, the body must match the declared media type's schema, and a request the gateway
/// accepted (2xx) must match its declared body. Each check adds what it found to the caller's list of violations;
/// the end-to-end suites fail a test with violations, and the contract kit fails the operation. Schemas are checked as
/// JSON Schema 2020-12, which OpenAPI 3.1 schemas are.
/// </summary>
public sealed class OpenApiDocuments(string directory)
{
    /// <summary>The documents checked: every surface's, by the first segment of the path.</summary>
    public static readonly IReadOnlyList<string> Surfaces = ["v1", "admin", "tencent", "openim", "nim", "agora"];
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();
    private readonly Lazy<IReadOnlyList<Document>> _documents = new(() => Load(directory));

    private IReadOnlyList<Document> Documents => _documents.Value;

    /// <summary>Every operation of <paramref name="surface"/>'s document, as "METHOD /path/template", in document order.</summary>
    public IReadOnlyList<string> Operations(string surface) =>
        Documents.Single(d => d.Name == surface).Paths
            .SelectMany(p => p.Value!.AsObject().Where(m => m.Value is JsonObject { } op && op.ContainsKey("responses")).Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))
            .ToList();

    /// <summary>The operation that serves <paramref name="method"/> <paramref name="path"/>, as <see cref="Operations"/> names it.</summary>
    public string? OperationOf(string method, string path) => Find(method, path) is var (_, _, template) ? $"{method.ToUpperInvariant()} {template}" : null;

    /// <summary>Checks one exchange; paths no document describes (health, metrics, the demo page) are not checked.</summary>
    public void CheckExchange(
        ConcurrentQueue<string> violations, string method, string path, byte[]? requestBody, string? requestType, int status, string? responseType,
        byte[] responseBody)
    {
        if (status == 101 || Find(method, path) is not var (document, operation, template))
        {
            return; // 101: a WebSocket took over the connection; its frames are checked like the stream's.
        }

        var label = $"{method} {path} → {status}";
        var responses = operation["responses"]!.AsObject();
        var declared = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"];
        if (declared is null)
        {
            violations.Enqueue($"{document.Name}: {label}: status {status} is not declared for {method} {template}");
            return;
        }

        CheckBody(violations, document, $"{label} response", declared["content"] as JsonObject, responseType, responseBody);
        if (status is >= 200 and < 300 && operation["requestBody"]?["content"] is JsonObject requestContent && requestBody is { Length: > 0 })
        {
            CheckBody(violations, document, $"{label} request", requestContent, requestType, requestBody);
        }
    }

    /// <summary>Checks one frame of the stream at <paramref name="path"/> against the stream operation's event schemas.</summary>
    public void CheckFrame(ConcurrentQueue<string> violations, string path, string eventName, JsonElement data)
    {
        if (Find("GET", path) is not var (document, operation, _)
            || operation["responses"]?["200"]?["content"]?["text/event-stream"]?["schema"] is not { } schema)
        {
            return;
        }

        Validate(violations, document, $"{path} frame '{eventName}'", schema, data);
    }

    private void CheckBody(ConcurrentQueue<string> violations, Document document, string label, JsonObject? content, string? mediaType, byte[] body)
    {
        if (body.Length == 0)
        {
            return; // 204, HEAD, or a status the operation declares without content.
        }

        var type = mediaType?.Split(';')[0].Trim();
        if (content is null || type is null || content[type] is not { } media)
        {
            violations.Enqueue($"{document.Name}: {label}: a '{type}' body is not declared (declared: {string.Join(", ", content?.Select(c => c.Key) ?? [])})");
            return;
        }

        if (media["schema"] is not { } schema || !type.Contains("json", StringComparison.Ordinal))
        {
            return;
        }

        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            violations.Enqueue($"{document.Name}: {label}: the body is not JSON");
            return;
        }

        Validate(violations, document, label, schema, instance);
    }

    private void Validate(ConcurrentQueue<string> violations, Document document, string label, JsonNode schema, JsonElement instance)
    {
        var text = schema.ToJsonString();
        EvaluationResults result;
        try
        {
            var compiled = _schemas.GetOrAdd($"{document.Name}\n{text}", _ => Compile(document, text));
            // A yes/no answer is cheap; the details are worked out only for a body that fails.
            result = compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Flag });
            if (!result.IsValid)
            {
                result = compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
            }
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or InvalidOperationException or ArgumentException)
        {
            violations.Enqueue($"{document.Name}: {label}: the schema could not be checked: {ex.Message}");
            return;
        }

        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}").Take(3);
            violations.Enqueue($"{document.Name}: {label}: {string.Join(" | ", errors)} — body {Shorten(instance.GetRawText())}");
        }
    }

    /// <summary>The schema with every reference to a component replaced by the component itself (a cycle ends in <c>{}</c>).</summary>
    private static JsonSchema Compile(Document document, string schema)
    {
        lock (document) // JsonObject builds its index on first use: one reader at a time.
        {
            return CompileLocked(document, schema);
        }
    }

    private static JsonSchema CompileLocked(Document document, string schema)
    {
        var inlined = Inline(JsonNode.Parse(schema)!, document.Components, []);
        var root = inlined as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(inlined) };
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        return JsonSchema.FromText(root.ToJsonString());
    }

    private static JsonNode Inline(JsonNode node, JsonObject components, HashSet<string> visiting)
    {
        switch (node)
        {
            case JsonObject reference when reference["$ref"] is JsonValue value && value.GetValue<string>() is { } target
                                           && target.StartsWith("#/components/schemas/", StringComparison.Ordinal):
                var name = target["#/components/schemas/".Length..];
                JsonNode resolved = new JsonObject();
                if (visiting.Add(name) && components[name] is { } component)
                {
                    resolved = Inline(component, components, visiting);
                    visiting.Remove(name);
                }

                if (reference.Count == 1)
                {
                    return resolved;
                }

                // A reference with siblings (a description, say): the siblings hold beside the referenced schema.
                var merged = new JsonObject { ["allOf"] = new JsonArray(resolved) };
                foreach (var (key, sibling) in reference.Where(p => p.Key != "$ref"))
                {
                    merged[key] = sibling?.DeepClone();
                }

                return merged;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = value is null ? null : key is "example" or "examples" ? value.DeepClone() : Inline(value, components, visiting);
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(item => item is null ? null : Inline(item, components, visiting)).ToArray());
            default:
                return node.DeepClone();
        }
    }

    private (Document Document, JsonObject Operation, string Template)? Find(string method, string path)
    {
        var surface = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var document = Documents.FirstOrDefault(d => d.Name == surface);
        if (document is null)
        {
            return null;
        }

        // A literal route wins over a templated one (/v1/events/cursor before /v1/events/{id}, say).
        foreach (var (template, pattern) in document.Routes)
        {
            if (pattern.IsMatch(path) && document.Paths[template]?[method.ToLowerInvariant()] is JsonObject operation)
            {
                return (document, operation, template);
            }
        }

        return null;
    }

    private static IReadOnlyList<Document> Load(string directory) =>
        Surfaces.Select(name =>
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, $"{name}.json")))!;
            var paths = json["paths"]!.AsObject();
            var routes = paths.Select(p => p.Key)
                .OrderBy(t => t.Count(c => c == '{'))
                .Select(t => (t, new Regex("^" + Regex.Replace(Regex.Escape(t), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.CultureInvariant)))
                .ToList();
            return new Document(name, paths, routes, json["components"]?["schemas"]?.AsObject() ?? []);
        }).ToList();

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed record Document(string Name, JsonObject Paths, IReadOnlyList<(string Template, Regex Pattern)> Routes, JsonObject Components);
}
