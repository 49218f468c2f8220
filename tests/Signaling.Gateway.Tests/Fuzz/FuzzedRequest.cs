using System.Text.Json.Nodes;

namespace Signaling.Gateway.Tests.Fuzz;

/// <summary>One operation of an OpenAPI document: what the fuzzer builds requests for, and the statuses it may answer.</summary>
public sealed record Operation(string Method, string PathTemplate, JsonObject Definition)
{
    public IReadOnlySet<string> DeclaredStatuses { get; } =
        (Definition["responses"] as JsonObject)?.Select(r => r.Key).ToHashSet() ?? [];

    public bool IsStream => PathTemplate.EndsWith("/events", StringComparison.Ordinal) || PathTemplate.EndsWith("/listener", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {PathTemplate}";
}

/// <summary>
/// A generated request. <see cref="Mutation"/> says what was broken on purpose (null: a schema-valid request);
/// <see cref="Mangled"/> requests no longer address their operation, so only the refusal's shape is judged.
/// </summary>
public sealed record FuzzedRequest(
    Operation Operation,
    string Method,
    string PathAndQuery,
    string? ContentType,
    byte[]? Body,
    bool Authenticated,
    string? Mutation,
    bool Mangled)
{
    public override string ToString()
    {
        var body = Body is null ? "" : " " + System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        return $"{Method} {PathAndQuery} [{ContentType ?? "no content type"}{(Authenticated ? "" : ", unauthenticated")}{(Mutation is null ? "" : ", " + Mutation)}]{body}";
    }
}
