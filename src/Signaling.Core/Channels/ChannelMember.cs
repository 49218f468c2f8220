namespace Signaling.Core.Channels;

/// <summary>A user in a channel, from one device, with a uid unique in the channel (NIM and Agora both key members by it).</summary>
public sealed record ChannelMember(string UserId, string? DeviceId, long Uid, DateTimeOffset JoinedAt, DateTimeOffset ExpiresAt);
