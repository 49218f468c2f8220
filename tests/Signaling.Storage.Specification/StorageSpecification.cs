using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;

namespace Signaling.Storage.Specification;

/// <summary>What every port suite needs: a fresh provider, a way to reopen the same data, and sample values.</summary>
public abstract class StorageSpecification : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    protected StorageUnderTest Storage { get; private set; } = null!;

    /// <summary>A provider over this test's storage: empty the first time, the same data on every later call.</summary>
    protected abstract Task<StorageUnderTest> OpenAsync();

    public async Task InitializeAsync() => Storage = await OpenAsync();

    /// <summary>As after a process restart: the provider is closed, and a new one opens the same data.</summary>
    protected async Task RestartAsync()
    {
        await Storage.DisposeAsync();
        Storage = await OpenAsync();
    }

    public async Task DisposeAsync() => await Storage.DisposeAsync();

    protected static Invitation NewInvitation(string inviter = "alice", params string[] invitees) => new()
    {
        Id = Ids.New(),
        Inviter = new Actor(inviter),
        Invitees = (invitees.Length == 0 ? ["bob"] : invitees).Select(u => new Invitee { UserId = u }).ToList(),
        RoomId = Ids.New(),
        CreatedAt = T0,
    };

    protected static SignalingEvent NewEvent(string recipient, string? scope = null, bool durable = true, DateTimeOffset? expiresAt = null) => new()
    {
        Recipient = recipient,
        Kind = EventKind.PeerMessage,
        Time = T0,
        Actor = new Actor("alice"),
        InvitationId = scope,
        Data = "hello",
        Durable = durable,
        ExpiresAt = expiresAt ?? T0.AddDays(7),
    };

    protected async Task<CommitResult> AppendAsync(params SignalingEvent[] events)
    {
        var commit = new Commit();
        commit.Events.AddRange(events);
        return await Storage.Store.CommitAsync(commit);
    }
}
