using Microsoft.Extensions.Options;
using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Core.Users;

/// <summary>Peer messages, user attributes and presence.</summary>
public sealed class UserService(ISignalingStore store, IPresenceRegistry presence, TimeProvider clock, IOptions<SignalingOptions> options)
{
    private readonly SignalingOptions _options = options.Value;

    /// <summary>A message from one user to another, kept for the retention period so an offline peer gets it later.</summary>
    public async Task<Result<PeerMessageReceipt>> SendPeerMessageAsync(Actor from, string to, string message, CancellationToken cancellationToken = default)
    {
        var invalid = Limits.CheckId("userId", to) ?? Limits.CheckData("message", message);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var commit = new Commit();
        var builder = new EventBuilder(from, now, Durable: true, ExpiresAt: now + _options.Retention) { Data = message };
        commit.Events.Add(builder.For(new Notice(to, EventKind.PeerMessage)));
        var written = await store.CommitAsync(commit, cancellationToken);
        var online = await presence.CountConnectionsAsync(to, now, cancellationToken) > 0;
        return new PeerMessageReceipt(written.Appended[0].Sequence, online);
    }

    /// <summary>
    /// Tells the requesting device, on its event stream, how its request went (<see cref="EventKind.RequestResult"/>).
    /// Kept only as long as ended events are, for a stream that reconnects; nothing happens for a caller without a device.
    /// </summary>
    public async Task ReportResultAsync(Actor actor, string payload, CancellationToken cancellationToken = default)
    {
        if (actor.DeviceId is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var commit = new Commit();
        var builder = new EventBuilder(actor, now, Durable: false, ExpiresAt: now + _options.EndedGrace) { Data = payload };
        commit.Events.Add(builder.For(new Notice(actor.UserId, EventKind.RequestResult, Device: actor.DeviceId)));
        await store.CommitAsync(commit, cancellationToken);
    }

    public async Task<Presence> GetPresenceAsync(string userId, CancellationToken cancellationToken = default)
    {
        var connections = await presence.CountConnectionsAsync(userId, clock.GetUtcNow(), cancellationToken);
        return new Presence(userId, connections > 0, connections);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAttributesAsync(string userId, CancellationToken cancellationToken = default) =>
        (await store.GetUserAsync(userId, cancellationToken))?.Attributes ?? new Dictionary<string, string>();

    /// <summary>Sets (or with a null value removes) one of the caller's own attributes.</summary>
    public async Task<Result<IReadOnlyDictionary<string, string>>> SetAttributeAsync(
        Actor actor, string name, string? value, CancellationToken cancellationToken = default)
    {
        if (Limits.CheckAttribute(name, value) is { } invalid)
        {
            return invalid;
        }

        return await CommandRunner.RunAsync<IReadOnlyDictionary<string, string>>(store, async () =>
        {
            var profile = await store.GetUserAsync(actor.UserId, cancellationToken) ?? new UserProfile { Id = actor.UserId };
            if (value is null)
            {
                profile.Attributes.Remove(name);
            }
            else
            {
                profile.Attributes[name] = value;
            }

            var commit = new Commit();
            commit.Users.Add(profile);
            return new Decision<IReadOnlyDictionary<string, string>>(profile.Attributes, commit);
        }, cancellationToken);
    }

    /// <summary>Registers (replaces) a login secret of <paramref name="userId"/> for <paramref name="scheme"/>; pass a hash, never the secret.</summary>
    public Task<Result<bool>> SetCredentialAsync(string userId, string scheme, string secretHash, CancellationToken cancellationToken = default)
    {
        if (Limits.CheckId("accid", userId) is { } invalid)
        {
            return Task.FromResult<Result<bool>>(invalid);
        }

        return CommandRunner.RunAsync(store, async () =>
        {
            var profile = await store.GetUserAsync(userId, cancellationToken) ?? new UserProfile { Id = userId };
            profile.Credentials[scheme] = secretHash;
            var commit = new Commit();
            commit.Users.Add(profile);
            return new Decision<bool>(true, commit);
        }, cancellationToken);
    }

    /// <summary>The hash registered for <paramref name="userId"/> under <paramref name="scheme"/>, or null.</summary>
    public async Task<string?> GetCredentialAsync(string userId, string scheme, CancellationToken cancellationToken = default) =>
        (await store.GetUserAsync(userId, cancellationToken))?.Credentials.GetValueOrDefault(scheme);
}
