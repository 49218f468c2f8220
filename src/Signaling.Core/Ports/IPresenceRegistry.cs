namespace Signaling.Core.Ports;

/// <summary>
/// Live connections per user. Each entry expires unless refreshed, so the users of a node that died go
/// offline within one expiry period. A user is online while any unexpired entry exists.
/// </summary>
public interface IPresenceRegistry
{
    Task ConnectAsync(LiveConnection connection, CancellationToken cancellationToken = default);

    /// <summary>Renews a connection; false when it is no longer registered (it expired or an operator removed it).</summary>
    Task<bool> RefreshAsync(string connectionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Removes a connection; false when it was not registered.</summary>
    Task<bool> DisconnectAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops connections that expired without a disconnect (their node died); a user left with none goes offline. A
    /// provider given <see cref="Webhooks.WebhookMessages"/> writes <c>user.presence</c> with each user's first connection
    /// and when their last one goes (here, or on disconnect), atomically with the change.
    /// </summary>
    Task ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<int> CountConnectionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Users with an unexpired connection, in user id order after <paramref name="cursor"/> (a user id), at most
    /// <paramref name="limit"/> users, each with all of their unexpired connections.
    /// </summary>
    Task<Page<LiveConnection>> ListOnlineAsync(DateTimeOffset now, string? cursor, int limit, CancellationToken cancellationToken = default);
}
