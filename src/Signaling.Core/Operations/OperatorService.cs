using Signaling.Core.Channels;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;

namespace Signaling.Core.Operations;

/// <summary>
/// What an operator sees and does across all users: live invitations, online users, channels. Listings page through
/// the store and look at a bounded number of entries per call (<see cref="MaxScannedPages"/> pages), so a listing never
/// costs more than that however much history the store holds; a page may then be short, with a cursor to go on.
/// </summary>
public sealed class OperatorService(ISignalingStore store, ITimeoutIndex timeouts, IPresenceRegistry presence, TimeProvider clock)
{
    public const int MaxPageSize = 200;
    private const int MaxScannedPages = 20;

    /// <summary>Invitations still ringing or connected (<paramref name="status"/> narrows it to one), oldest due first on Redis, by id on SQLite.</summary>
    public Task<Page<Invitation>> ListInvitationsAsync(InvitationStatus? status, string? cursor, int limit, CancellationToken cancellationToken = default) =>
        ScanAsync(
            (next, count) => timeouts.ListScheduledAsync(next, count, cancellationToken),
            async id => await store.GetInvitationAsync(id, cancellationToken) is { } invitation
                        && invitation.Status != InvitationStatus.Ended && (status is null || invitation.Status == status)
                ? invitation
                : null,
            cursor, limit);

    /// <summary>Any invitation, whatever its state or whoever is in it.</summary>
    public Task<Invitation?> GetInvitationAsync(string id, CancellationToken cancellationToken = default) =>
        Limits.IsValidId(id) ? store.GetInvitationAsync(id, cancellationToken) : Task.FromResult<Invitation?>(null);

    /// <summary>Live channels (not closed, not expired).</summary>
    public Task<Page<Channel>> ListChannelsAsync(string? cursor, int limit, CancellationToken cancellationToken = default) =>
        ScanAsync(
            (next, count) => store.ListChannelsAsync(next, count, cancellationToken),
            async id => await store.GetChannelAsync(id, cancellationToken) is { } channel && channel.IsAlive(clock.GetUtcNow()) ? channel : null,
            cursor, limit);

    /// <summary>Online users with their sessions and streams; with <paramref name="surface"/>, only streams on that surface (and their users).</summary>
    public async Task<Page<OnlineUser>> ListOnlineAsync(string? surface, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        var page = await presence.ListOnlineAsync(clock.GetUtcNow(), cursor, limit, cancellationToken);
        var users = new List<OnlineUser>();
        foreach (var streams in page.Items.GroupBy(c => c.UserId, StringComparer.Ordinal))
        {
            var shown = streams.Where(c => surface is null || c.Surface == surface).ToList();
            if (shown.Count == 0)
            {
                continue;
            }

            var profile = await store.GetUserAsync(streams.Key, cancellationToken);
            users.Add(new OnlineUser(streams.Key, profile?.Sessions ?? [], shown));
        }

        return new Page<OnlineUser>(users, page.Next);
    }

    /// <summary>Removes a stream from presence; the node holding it closes it (at once on this node, at its next heartbeat on another).</summary>
    public Task<bool> DisconnectStreamAsync(string connectionId, CancellationToken cancellationToken = default) =>
        presence.DisconnectAsync(connectionId, cancellationToken);

    private static async Task<Page<T>> ScanAsync<T>(
        Func<string?, int, Task<Page<string>>> list, Func<string, Task<T?>> load, string? cursor, int limit)
        where T : class
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var items = new List<T>();
        var next = cursor;
        for (var scanned = 0; scanned < MaxScannedPages && items.Count < limit; scanned++)
        {
            var page = await list(next, limit - items.Count);
            foreach (var id in page.Items)
            {
                if (await load(id) is { } item)
                {
                    items.Add(item);
                }
            }

            next = page.Next;
            if (next is null)
            {
                break;
            }
        }

        return new Page<T>(items, next);
    }
}
