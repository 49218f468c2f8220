using System.Text;
using System.Text.Json.Nodes;

namespace Signaling.Gateway.Tests.Fuzz;

/// <summary>
/// Builds requests for an operation from its schema or its example, then breaks about half of them on purpose:
/// wrong types, missing fields, huge and deep values, NUL, lone surrogates and invalid UTF-8, wrong content types,
/// junk query strings, bad path ids, mangled paths and methods, missing credentials.
/// </summary>
public sealed class RequestFactory(Random random, SchemaValues values, IdPool ids)
{
    private static readonly string[] Accepts = ["application/json", "text/html", "text/event-stream", "application/xml", "*/*", ""];

    private static readonly string[] WrongContentTypes =
        ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/octet-stream", "application/json; charset=ebcdic"];

    public string Accept() => Accepts[random.Next(Accepts.Length)];

    public FuzzedRequest Next(Operation operation)
    {
        var path = Path(operation, out var badId);
        var (contentType, schema, body) = Body(operation);
        var request = new FuzzedRequest(operation, operation.Method.ToUpperInvariant(), path, contentType, body, true, badId, false);
        return random.Next(100) < 55 ? Mutate(request, schema) : request;
    }

    private string Path(Operation operation, out string? mutation)
    {
        mutation = null;
        var path = operation.PathTemplate;
        foreach (var parameter in (operation.Definition["parameters"] as JsonArray ?? []).Where(p => p?["in"]?.GetValue<string>() == "path"))
        {
            var name = parameter!["name"]!.GetValue<string>();
            var value = ids.Next();
            if (random.Next(10) == 0)
            {
                (value, mutation) = random.Next(4) switch
                {
                    0 => (new string('i', 200), "200-character id"),
                    1 => ("a b", "id with a space"),
                    2 => ("a\0b", "id with NUL"),
                    _ => ("日本", "non-ASCII id"),
                };
            }

            path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        if (operation.IsStream && random.Next(3) == 0)
        {
            path += "?after=" + Uri.EscapeDataString(random.Next(3) == 0 ? "-7" : random.Next(2) == 0 ? "abc" : random.Next(0, 50).ToString());
        }

        return path;
    }

    private (string? ContentType, JsonNode? Schema, byte[]? Body) Body(Operation operation)
    {
        if (operation.Definition["requestBody"]?["content"] is not JsonObject { Count: > 0 } content)
        {
            return (null, null, null);
        }

        var (contentType, media) = content.First();
        var schema = media?["schema"];
        var value = media?["example"] is { } example && random.Next(5) < 2 ? example.DeepClone() : values.For(schema);
        return (contentType, schema, Encode(contentType, value));
    }

    private static byte[] Encode(string contentType, JsonNode? value) =>
        contentType.Contains("form", StringComparison.Ordinal) && value is JsonObject fields
            ? Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(Plain(f.Value)))))
            : Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null");

    private static string Plain(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";

    private FuzzedRequest Mutate(FuzzedRequest request, JsonNode? schema)
    {
        var isForm = request.ContentType?.Contains("form", StringComparison.Ordinal) == true;
        var choice = random.Next(request.Body is null ? 4 : 17);
        return choice switch
        {
            0 => request with { Authenticated = false, Mutation = "no credentials" },
            1 => Mangle(request),
            2 => request with { PathAndQuery = request.PathAndQuery + (request.PathAndQuery.Contains('?') ? "&" : "?") + "after=%ZZ&&=&x=" + new string('q', 3000), Mutation = "junk query" },
            3 => request with { ContentType = "application/json", Body = "{\"x\":1}"u8.ToArray(), Mutation = "a body where none is taken" },
            4 => request with { ContentType = WrongContentTypes[random.Next(WrongContentTypes.Length)], Mutation = "wrong content type" },
            5 => request with { ContentType = null, Mutation = "no content type" },
            6 => request with { Body = [], Mutation = "empty body" },
            7 => request with { Body = request.Body![..(request.Body!.Length / 2)], Mutation = "truncated body" },
            8 => request with { Body = Encoding.UTF8.GetBytes(isForm ? "a=1&" + new string('k', 3000) + "=1" : "[" + new string('[', 5000)), Mutation = "deep or long key" },
            9 => request with { Body = Splice(request.Body!, isForm ? "%00"u8.ToArray() : "\\u0000"u8.ToArray()), Mutation = "NUL in a value" },
            10 => request with { Body = Splice(request.Body!, isForm ? "%ED%A0%80"u8.ToArray() : "\\ud800"u8.ToArray()), Mutation = "lone surrogate" },
            11 => request with { Body = Splice(request.Body!, [0xED, 0xA0, 0x80, 0xFF]), Mutation = "invalid UTF-8" },
            12 => request with { Body = Encoding.UTF8.GetBytes(new[] { "[]", "42", "\"text\"", "null", "true" }[random.Next(5)]), Mutation = "body not an object" },
            13 => Field(request, schema, isForm, "huge value", _ => JsonValue.Create(new string('h', random.Next(2) == 0 ? 13 * 1024 : 70 * 1024))),
            14 => Field(request, schema, isForm, "wrong type", _ => random.Next(4) switch
            {
                0 => JsonValue.Create(12345678901234L),
                1 => new JsonObject { ["nested"] = new JsonArray(1, 2) },
                2 => JsonValue.Create(true),
                _ => JsonValue.Create("not-a-number"),
            }),
            15 => Field(request, schema, isForm, "missing field", _ => null, remove: true),
            _ => Field(request, schema, isForm, "huge number", _ => JsonValue.Create(1e300)),
        };
    }

    /// <summary>Inserts bytes inside the first string value (after the first quote of a value), or at the end of a form.</summary>
    private static byte[] Splice(byte[] body, byte[] insert)
    {
        var at = Array.IndexOf(body, (byte)':') is >= 0 and var colon ? Array.IndexOf(body, (byte)'"', colon) + 1 : body.Length;
        at = at <= 0 ? body.Length : at;
        return [.. body[..at], .. insert, .. body[at..]];
    }

    private FuzzedRequest Field(FuzzedRequest request, JsonNode? schema, bool isForm, string mutation, Func<JsonNode?, JsonNode?> change, bool remove = false)
    {
        JsonNode? root;
        try
        {
            root = isForm ? FormAsObject(request.Body!) : JsonNode.Parse(request.Body!);
        }
        catch (System.Text.Json.JsonException)
        {
            return request;
        }

        if (root is not JsonObject fields)
        {
            return request;
        }

        var names = fields.Select(f => f.Key).Union(values.PropertiesOf(schema)).ToList();
        if (names.Count == 0)
        {
            return request;
        }

        var name = names[random.Next(names.Count)];
        if (remove)
        {
            fields.Remove(name);
        }
        else
        {
            fields[name] = change(fields[name]);
        }

        return request with { Body = Encode(request.ContentType!, fields), Mutation = $"{mutation} ({name})" };
    }

    private static JsonObject FormAsObject(byte[] body) =>
        new(Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .DistinctBy(pair => pair[0])
            .Select(pair => KeyValuePair.Create(Uri.UnescapeDataString(pair[0]), (JsonNode?)JsonValue.Create(pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : ""))));

    private FuzzedRequest Mangle(FuzzedRequest request)
    {
        var path = request.PathAndQuery;
        var (mangled, method) = random.Next(6) switch
        {
            0 => (path + "/x", request.Method),
            1 => (path.Replace("/", "//", StringComparison.Ordinal), request.Method),
            2 => (path.ToUpperInvariant(), request.Method),
            3 => (path[..(path.LastIndexOf('/') + 1)] + "%2e%2e/" + path[(path.LastIndexOf('/') + 1)..], request.Method),
            4 => (path + "%00", request.Method),
            _ => (path, request.Method == "GET" ? "DELETE" : random.Next(2) == 0 ? "PATCH" : "GET"),
        };
        return request with { PathAndQuery = mangled, Method = method, Mutation = "mangled path or method", Mangled = true };
    }
}
