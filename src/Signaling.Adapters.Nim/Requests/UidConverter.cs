using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Signaling.Adapters.Nim.Requests;

/// <summary>
/// <c>uid</c> as the vendor's docs type it, a string (<c>"123"</c>), or as a number; <c>""</c> means "assign one"
/// (audit N-5). Anything else is refused as a wrong type.
/// </summary>
public sealed class UidConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetInt64();
            case JsonTokenType.String when reader.ValueSpan.Length == 0 && !reader.ValueIsEscaped:
                return null;
            case JsonTokenType.String when !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out long uid, out var used) && used == reader.ValueSpan.Length:
                return uid;
            default:
                throw new JsonException(); // STJ words it as "could not be converted", naming the path.
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } uid)
        {
            writer.WriteNumberValue(uid);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
