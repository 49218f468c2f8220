using Signaling.Core.Events;

namespace Signaling.Http.Streams;

/// <summary>A surface's view of canonical events: each adapter renders them in its vendor's callback shape.</summary>
public interface IEventRenderer
{
    /// <summary>The frame for <paramref name="signalingEvent"/>, or null when this surface has no such callback.</summary>
    EventFrame? Render(SignalingEvent signalingEvent);

    /// <summary>The UTF-8 text of a WebSocket frame for <paramref name="frame"/> with sequence <paramref name="sequence"/>.</summary>
    byte[] WebSocketText(EventFrame frame, long sequence);
}
