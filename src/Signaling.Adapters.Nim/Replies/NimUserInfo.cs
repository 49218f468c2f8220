namespace Signaling.Adapters.Nim.Replies;

/// <summary>user/create.action's answer: the accid and the token it can now log in with.</summary>
public sealed record NimUserInfo(string Accid, string Token, string? Name);
