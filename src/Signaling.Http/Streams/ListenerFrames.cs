using System.Buffers;
using System.Text.Json;

namespace Signaling.Http.Streams;

/// <summary>The WebSocket frame vendor surfaces use: the callback's name, the sequence to resume from, its parameters.</summary>
public static class ListenerFrames
{
    /// <summary><c>{"event":…,"id":…,"data":{…}}</c>, with the already-serialized data copied in as it is.</summary>
    public static byte[] Wrap(EventFrame frame, long sequence)
    {
        var buffer = new ArrayBufferWriter<byte>(frame.Data.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", frame.Name);
            writer.WriteNumber("id", sequence);
            writer.WritePropertyName("data");
            writer.WriteRawValue(frame.Data, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
