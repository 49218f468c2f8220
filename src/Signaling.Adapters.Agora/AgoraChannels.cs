using Microsoft.Extensions.Options;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Errors;

namespace Signaling.Adapters.Agora;

/// <summary>
/// Agora's channel rules over the core's channels: a channel is named by the app and exists once someone joins it; a
/// user is in one channel at a time (joining another leaves the first); a channel lives while it has members and for
/// <c>_channel_ttl</c> (the core's default channel lifetime, 7200 s) after the last one leaves.
/// </summary>
public sealed class AgoraChannels(ChannelService channels, IOptions<SignalingOptions> signaling)
{
    /// <summary>How long an occupied channel is kept alive from each join: it must not expire under its members.</summary>
    private static readonly TimeSpan Occupied = TimeSpan.FromDays(365);

    /// <summary>Agora's channels are not capped; onChannelUserList shows the latest 200 of however many there are.</summary>
    private const int MemberLimit = 100_000;

    /// <summary>A live channel by the app's name, or (for calls placed from other surfaces) by its id.</summary>
    public async Task<Channel?> FindAsync(string channelId, CancellationToken ct) =>
        (await channels.FindByNameAsync(channelId, ct)).Value ?? (await channels.GetAsync(channelId, ct)).Value;

    public async Task<Result<Channel>> FindRequiredAsync(string channelId, CancellationToken ct) =>
        await FindAsync(channelId, ct) is { } channel ? channel : SignalingError.ChannelNotFound(channelId);

    public async Task<Result<ChannelMember>> JoinAsync(Actor actor, string channelId, CancellationToken ct)
    {
        if (await channels.FindCurrentAsync(actor.UserId, ct) is { } current && current.Name != channelId && current.Id != channelId)
        {
            await LeaveAsync(actor, current, ct);
        }

        var channel = await FindAsync(channelId, ct);
        if (channel is null)
        {
            var created = await channels.CreateAsync(actor, new CreateChannelRequest { Name = channelId, MemberLimit = MemberLimit }, ct);
            channel = created.IsSuccess ? created.Value : await FindAsync(channelId, ct); // Someone else created it meanwhile.
            if (channel is null)
            {
                return created.Error ?? SignalingError.ChannelNotFound(channelId);
            }
        }

        var joined = await channels.JoinAsync(actor, channel.Id, null, null, ct);
        if (joined.IsSuccess)
        {
            await channels.DelayAsync(actor, channel.Id, ct, Occupied);
        }

        return joined.Error?.Code == SignalingErrorCode.AlreadyInChannel ? channel.FindMember(actor.UserId)! : joined;
    }

    /// <summary>A session that ends (logged out, or replaced by a login elsewhere) leaves the channel it was in, as in the SDK.</summary>
    public async Task LeaveCurrentAsync(Actor session, CancellationToken ct)
    {
        if (await channels.FindCurrentAsync(session.UserId, ct) is { } current)
        {
            await LeaveAsync(session, current, ct);
        }
    }

    public async Task<Result<ChannelMember>> LeaveAsync(Actor actor, string channelId, CancellationToken ct)
    {
        var channel = await FindRequiredAsync(channelId, ct);
        return channel.IsSuccess ? await LeaveAsync(actor, channel.Value, ct) : channel.Error;
    }

    private async Task<Result<ChannelMember>> LeaveAsync(Actor actor, Channel channel, CancellationToken ct)
    {
        var left = await channels.LeaveAsync(actor, channel.Id, null, ct);
        if (left.IsSuccess && (await channels.GetAsync(channel.Id, ct)).Value is { Members.Count: 0 })
        {
            await channels.DelayAsync(actor, channel.Id, ct, signaling.Value.DefaultChannelTtl);
        }

        return left;
    }
}
