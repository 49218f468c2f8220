using System.Text.Json;
using System.Text.Json.Serialization;

namespace Signaling.Adapters.Agora.Requests;

/// <summary>invoke: an <c>io.agora.signal.*</c> function (the prefix may be left off, as the SDK does on the wire) and its JSON arguments.</summary>
public sealed record InvokeParams(string? Func, JsonElement Args)
{
    public const string Prefix = "io.agora.signal.";

    /// <summary>The native SDK's callID, handed back in onInvokeRet.</summary>
    public string? CallID { get; init; }

    [JsonIgnore]
    public string ShortName => Func is { } f && f.StartsWith(Prefix, StringComparison.Ordinal) ? f[Prefix.Length..] : Func ?? "";

    /// <summary>A string argument, or null when absent or not a string.</summary>
    public string? Arg(string name) =>
        Args.ValueKind == JsonValueKind.Object && Args.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
