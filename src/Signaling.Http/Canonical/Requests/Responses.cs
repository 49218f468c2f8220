using Signaling.Core.Channels;

namespace Signaling.Http.Canonical.Requests;

public sealed record TokenResponse(string Token, string UserId, string? DeviceId, DateTimeOffset ExpiresAt);

public sealed record ChannelMessageReceipt(string ChannelId, int Recipients);

public sealed record MemberResponse(string ChannelId, ChannelMember Member);
