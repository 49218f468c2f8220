using Microsoft.Extensions.Options;
using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Core.Users;

/// <summary>
/// Login sessions, one per user and scheme: logging in again from the same device keeps the session; logging in from
/// another device replaces it, and the replaced session's device is told (<see cref="EventKind.SessionEnded"/>, "kicked").
/// Sessions are stored with the user, so they survive a restart and are seen by every node.
/// </summary>
public sealed class SessionService(ISignalingStore store, TimeProvider clock, IOptions<SignalingOptions> options)
{
    public const string Kicked = "kicked";
    public const string LoggedOut = "logout";

    private readonly SignalingOptions _options = options.Value;

    public async Task<Result<LoginResult>> LoginAsync(string scheme, string userId, string device, CancellationToken cancellationToken = default)
    {
        if ((Limits.CheckId("account", userId) ?? Limits.CheckId("deviceID", device)) is { } invalid)
        {
            return invalid;
        }

        return await CommandRunner.RunAsync(store, async () =>
        {
            var profile = await store.GetUserAsync(userId, cancellationToken) ?? new UserProfile { Id = userId };
            var current = profile.Sessions.GetValueOrDefault(scheme);
            if (current is not null && current.Device == device)
            {
                return new Decision<LoginResult>(new LoginResult(current, Reused: true, Replaced: null), null);
            }

            var now = clock.GetUtcNow();
            var session = new LoginSession(Ids.New(), userId, device, now);
            profile.Sessions[scheme] = session;
            var commit = new Commit();
            commit.Users.Add(profile);
            commit.Index.Add(IndexWrite.ForMinted(Key(scheme, session.Id), userId));
            if (current is not null)
            {
                commit.Index.Add(new IndexWrite(Key(scheme, current.Id), userId, null));
                commit.Events.Add(Ended(current, Kicked, new Actor(userId, session.Id), now));
            }

            return new Decision<LoginResult>(new LoginResult(session, Reused: false, Replaced: current), commit);
        }, cancellationToken, serializeOn: userId);
    }

    /// <summary>The live session with this id, or null when it never existed, was replaced or logged out.</summary>
    public async Task<LoginSession?> FindAsync(string scheme, string sessionId, CancellationToken cancellationToken = default) =>
        Limits.IsValidId(sessionId)
        && await store.FindAsync(Key(scheme, sessionId), cancellationToken) is { } userId
        && await store.GetUserAsync(userId, cancellationToken) is { } profile
        && profile.Sessions.GetValueOrDefault(scheme) is { } session && session.Id == sessionId
            ? session
            : null;

    /// <summary>Ends the session; its device is told ("logout").</summary>
    public Task<Result<LoginSession>> LogoutAsync(string scheme, LoginSession session, CancellationToken cancellationToken = default) =>
        CommandRunner.RunAsync(store, async () =>
        {
            var profile = await store.GetUserAsync(session.UserId, cancellationToken);
            if (profile?.Sessions.GetValueOrDefault(scheme)?.Id != session.Id)
            {
                return Decision<LoginSession>.Fail(new Errors.SignalingError(Errors.SignalingErrorCode.Unauthenticated, "The session has already ended."));
            }

            profile.Sessions.Remove(scheme);
            var commit = new Commit();
            commit.Users.Add(profile);
            commit.Index.Add(new IndexWrite(Key(scheme, session.Id), session.UserId, null));
            commit.Events.Add(Ended(session, LoggedOut, new Actor(session.UserId, session.Id), clock.GetUtcNow()));
            return new Decision<LoginSession>(session, commit);
        }, cancellationToken, serializeOn: session.UserId);

    /// <summary>An operator ends one of the user's login sessions; its device is told ("kicked"). False when there is no such session.</summary>
    public async Task<bool> KickAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        var profile = Limits.IsValidId(userId) ? await store.GetUserAsync(userId, cancellationToken) : null;
        if (profile?.Sessions.FirstOrDefault(s => s.Value.Id == sessionId) is not { Value: not null } found)
        {
            return false;
        }

        var kicked = await CommandRunner.RunAsync(store, async () =>
        {
            var current = await store.GetUserAsync(userId, cancellationToken);
            if (current?.Sessions.GetValueOrDefault(found.Key)?.Id != sessionId)
            {
                return Decision<LoginSession>.Fail(new Errors.SignalingError(Errors.SignalingErrorCode.Unauthenticated, "The session has already ended."));
            }

            current.Sessions.Remove(found.Key);
            var commit = new Commit();
            commit.Users.Add(current);
            commit.Index.Add(new IndexWrite(Key(found.Key, sessionId), userId, null));
            commit.Events.Add(Ended(found.Value, Kicked, Actor.Server, clock.GetUtcNow()));
            return new Decision<LoginSession>(found.Value, commit);
        }, cancellationToken, serializeOn: userId);
        return kicked.IsSuccess;
    }

    private SignalingEvent Ended(LoginSession session, string why, Actor actor, DateTimeOffset now) =>
        new EventBuilder(actor, now, Durable: false, ExpiresAt: now + _options.EndedGrace) { Data = why }
            .For(new Notice(session.UserId, EventKind.SessionEnded, Device: session.Id));

    private static string Key(string scheme, string sessionId) => $"session:{scheme}:{sessionId}";
}
