namespace Signaling.Adapters.OpenIM.Requests;

/// <summary>v2 <c>/auth/user_token</c>: the server secret proves the caller is the app's backend.</summary>
public sealed record UserTokenRequest(string? Secret, int? Platform, string? UserID);

/// <summary>v3 <c>/auth/get_user_token</c>: called with an admin token in the <c>token</c> header.</summary>
public sealed record GetUserTokenRequest(int? PlatformID, string? UserID);

public sealed record UserTokenReply(string Token, long ExpireTimeSeconds);

/// <summary>The v2 server's answer to <c>/auth/user_token</c>: <c>expiredTime</c> is when the token expires, in unix seconds (audit O-3).</summary>
public sealed record UserTokenV2Reply(string UserID, string Token, long ExpiredTime);
