using System.Text.Json;
using System.Text.Json.Serialization;

namespace Signaling.Adapters.Nim.Requests;

/// <summary>
/// A text field the SDK also takes as an object and <c>JSON.stringify</c>s (<c>pushPayload</c>, audit N-4): a string is
/// kept as it is, any other JSON value as its JSON text.
/// </summary>
public sealed class JsonTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => JsonElement.ParseValue(ref reader).GetRawText(),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
