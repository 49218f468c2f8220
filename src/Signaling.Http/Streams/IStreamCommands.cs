using Signaling.Core;
using Signaling.Core.Errors;

namespace Signaling.Http.Streams;

/// <summary>
/// Commands a client sends on its event-stream WebSocket instead of one HTTP request each: one text frame in, one
/// reply frame out, on the connection it already holds and already authenticated (as the vendor SDKs do). The stream
/// takes one command at a time per connection. A surface without commands passes none, and its frames are ignored.
/// </summary>
public interface IStreamCommands
{
    /// <summary>The reply to one text frame (UTF-8 JSON) sent by <paramref name="actor"/>; bad input gets a refusal, never an exception.</summary>
    Task<byte[]> HandleAsync(Actor actor, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    /// <summary>The reply to a frame refused before it is read (a binary frame, one over the size limit).</summary>
    byte[] Refuse(SignalingError error);
}
