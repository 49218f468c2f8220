using Signaling.Core.Channels;
using Signaling.Core.Invitations;
using Signaling.Core.Users;

namespace Signaling.Core.Ports;

/// <summary>
/// The aggregate store. Reads return the latest committed state with its <c>Version</c>.
/// <see cref="CommitAsync"/> is atomic: all of a <see cref="Commit"/> is written or none of it; it reports a
/// conflict (and writes nothing) when any aggregate's version or any key's expected value has changed.
/// After a successful commit, live readers of every recipient are woken (see <see cref="EventWakeups"/>).
/// </summary>
public interface ISignalingStore
{
    Task<Invitation?> GetInvitationAsync(string id, CancellationToken cancellationToken = default);

    Task<Channel?> GetChannelAsync(string id, CancellationToken cancellationToken = default);

    Task<UserProfile?> GetUserAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The aggregate id a lookup key points to, or null.</summary>
    Task<string?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>What each of <paramref name="keys"/> points to (null where nothing), in order: one round trip for a network store.</summary>
    Task<IReadOnlyList<string?>> FindManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Channel ids a page at a time (about <paramref name="limit"/>; the cursor is the provider's own), live or not.</summary>
    Task<Page<string>> ListChannelsAsync(string? cursor, int limit, CancellationToken cancellationToken = default);

    Task<CommitResult> CommitAsync(Commit commit, CancellationToken cancellationToken = default);

    /// <summary>True when the store answers; used by readiness checks.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
