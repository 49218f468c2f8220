namespace Signaling.Core.Ports;

/// <summary>
/// Live connections per user. Each entry expires unless refreshed, so the users of a node that died go
/// offline within one expiry period. A user is online while any unexpired entry exists.
/// </summary>
public interface IPresenceRegistry
{
    Task ConnectAsync(string userId, string connectionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    Task RefreshAsync(string connectionId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    Task DisconnectAsync(string connectionId, CancellationToken cancellationToken = default);

    Task<int> CountConnectionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
