using System.Net;
using System.Text.Json;

namespace Signaling.Contract;

/// <summary>One answer as it came off the wire: status, the JSON body (undefined when there was none) and the response headers.</summary>
public sealed record WireAnswer(string Operation, HttpStatusCode Status, JsonElement Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>An integer property of the body (a vendor code: <c>code</c>, <c>errCode</c>, <c>ecode</c>), or null when absent.</summary>
    public int? Int(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : null;

    /// <summary>A property by path ("data.channelId"), failing the check when it is missing.</summary>
    public JsonElement Get(string path)
    {
        var current = Body;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                throw new ContractFailure($"the answer has no '{path}': {Shorten(Body)}");
            }
        }

        return current;
    }

    public string String(string path) => Get(path) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw new ContractFailure($"'{path}' is not a string: {Shorten(Body)}");

    /// <summary>Fails unless <paramref name="field"/> of the body is <paramref name="expected"/> (and the HTTP status is <paramref name="status"/>).</summary>
    public WireAnswer Expect(string field, int expected, HttpStatusCode status = HttpStatusCode.OK)
    {
        if (Int(field) != expected || Status != status)
        {
            throw new ContractFailure($"expected {(int)status} with {field} {expected}, got {(int)Status} with {field} {Int(field)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}: {Shorten(Body)}");
        }

        return this;
    }

    /// <summary>Fails unless the HTTP status is <paramref name="status"/> (and, for a ProblemDetails, its <c>code</c> is <paramref name="code"/>).</summary>
    public WireAnswer ExpectStatus(HttpStatusCode status, string? code = null)
    {
        var actual = Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        if (Status != status || (code is not null && actual != code))
        {
            throw new ContractFailure($"expected {(int)status}{(code is null ? "" : " " + code)}, got {(int)Status}{(actual is null ? "" : " " + actual)}: {Shorten(Body)}");
        }

        return this;
    }

    public static string Shorten(JsonElement body)
    {
        var text = body.ValueKind == JsonValueKind.Undefined ? "(no body)" : body.GetRawText();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
