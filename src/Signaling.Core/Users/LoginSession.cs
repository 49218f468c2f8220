namespace Signaling.Core.Users;

/// <summary>A login of a user on one device, for surfaces whose SDK logs in once and then acts within a session (Agora).</summary>
public sealed record LoginSession(string Id, string UserId, string Device, DateTimeOffset Since);

/// <summary>What a login did: the session to use, whether it was the existing one, and the session it replaced.</summary>
public sealed record LoginResult(LoginSession Session, bool Reused, LoginSession? Replaced);
