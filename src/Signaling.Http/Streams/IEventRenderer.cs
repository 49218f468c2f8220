using Signaling.Core.Events;

namespace Signaling.Http.Streams;

/// <summary>A surface's view of canonical events: each adapter renders them in its vendor's callback shape.</summary>
public interface IEventRenderer
{
    /// <summary>
    /// The frames for <paramref name="signalingEvent"/>: none when this surface has no such callback, several when
    /// its vendor reports one change as several callbacks (a timeout per invitee, say).
    /// </summary>
    IReadOnlyList<EventFrame> Render(SignalingEvent signalingEvent);

    /// <summary>The UTF-8 text of a WebSocket frame for <paramref name="frame"/> with sequence <paramref name="sequence"/>.</summary>
    byte[] WebSocketText(EventFrame frame, long sequence);
}
