using System.Collections.Frozen;
using System.Text.Json;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Http.Streams;

namespace Signaling.Http.Canonical;

/// <summary>Canonical events as they are: SSE <c>event:</c> is the kind in camelCase, the data is the event's JSON.</summary>
public sealed class CanonicalEventRenderer : IEventRenderer
{
    private static readonly FrozenDictionary<EventKind, string> Names =
        Enum.GetValues<EventKind>().ToFrozenDictionary(k => k, k => JsonNamingPolicy.CamelCase.ConvertName(k.ToString()));

    public IReadOnlyList<EventFrame> Render(SignalingEvent signalingEvent) =>
        [new EventFrame(Names[signalingEvent.Kind], JsonSerializer.SerializeToUtf8Bytes(signalingEvent, CoreJson.Default.SignalingEvent))];

    /// <summary>The same JSON as the SSE data; it carries its own <c>sequence</c> and <c>kind</c>.</summary>
    public byte[] WebSocketText(EventFrame frame, long sequence) => frame.Data;
}
