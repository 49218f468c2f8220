using Microsoft.Extensions.Options;
using Signaling.Adapters.Nim.Auth;
using Signaling.Adapters.Nim.Replies;
using Signaling.Adapters.Nim.Requests;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Errors;
using Signaling.Core.Invitations;
using Signaling.Core.Webhooks;
using Signaling.Core.Users;

namespace Signaling.Adapters.Nim;

/// <summary>
/// NIM's call and channel commands in core terms, shared by the client methods and the server API: an invitation is
/// made inside a channel, keyed by (channel, invitee, requestId), valid for <see cref="NimOptions.InviteValidity"/>, and
/// rings even a user who is in another call (NIM has no busy line).
/// </summary>
public sealed class NimCalls(
    InvitationService invitations, ChannelService channels, UserService users, IWebhookSubscriptions webhooks, IOptions<NimOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Invites <paramref name="invitee"/> into the channel. The value is NIM's status for it: 200 (online), 10201 (offline),
    /// or 10202 (offline, and the invitation was handed to the app server's push.requested webhook to wake them).
    /// </summary>
    public async Task<Result<int>> InviteAsync(
        Actor inviter, string channelId, string invitee, string requestId, bool offlineEnabled, string? attachExt, OfflinePushInfo? push, CancellationToken ct)
    {
        var channel = await channels.CheckInviteAsync(inviter, channelId, invitee, ct);
        if (!channel.IsSuccess)
        {
            return channel.Error;
        }

        var invited = await invitations.InviteAsync(inviter, new InviteRequest
        {
            Invitees = [invitee],
            RoomId = channelId,
            MediaType = channel.Value.Type == ChannelType.Audio ? MediaType.Audio : MediaType.Video,
            Data = attachExt,
            TimeoutSeconds = (int)options.Value.InviteValidity.TotalSeconds,
            OnlineUserOnly = !offlineEnabled,
            OfflinePush = push,
            RequestId = requestId,
            RingWhenBusy = true,
        }, ct);
        if (!invited.IsSuccess)
        {
            return invited.Error;
        }

        if ((await users.GetPresenceAsync(invitee, ct)).Online)
        {
            return NimEnvelope.Ok;
        }

        // Only an invitation kept for an offline invitee (offlineEnabled) rings them later, and so asks for a push.
        return offlineEnabled && webhooks.EndpointsFor(WebhookTypes.PushRequested).Count > 0 ? NimErrorMap.PeerOfflinePushed : NimErrorMap.PeerOffline;
    }

    /// <summary>
    /// The invitation <paramref name="inviter"/> sent <paramref name="invitee"/> in the channel with <paramref name="requestId"/>.
    /// A call placed from another surface has no NIM requestId: its notifications carry the invitation id instead, accepted here.
    /// </summary>
    public async Task<Result<Invitation>> FindAsync(Actor caller, string inviter, string requestId, string channelId, string invitee, CancellationToken ct)
    {
        var found = await invitations.FindByRequestAsync(caller, inviter, requestId, channelId, invitee, ct);
        if (found.IsSuccess)
        {
            return found;
        }

        var byId = await invitations.GetAsync(caller, requestId, ct);
        return byId.IsSuccess && byId.Value.RoomId == channelId && byId.Value.Inviter.UserId == inviter && byId.Value.FindInvitee(invitee) is not null
            ? byId
            : SignalingError.InvitationNotFound(requestId);
    }

    public Task<Result<Invitation>> CancelAsync(Actor inviter, string channelId, string invitee, string requestId, string? attachExt, CancellationToken ct) =>
        AnswerAsync(inviter, inviter.UserId, invitee, channelId, requestId, i => invitations.CancelAsync(inviter, i.Id, attachExt, ct), ct);

    public Task<Result<Invitation>> RejectAsync(Actor invitee, string channelId, string inviter, string requestId, string? attachExt, CancellationToken ct) =>
        AnswerAsync(invitee, inviter, invitee.UserId, channelId, requestId, i => invitations.RejectAsync(invitee, i.Id, attachExt, ct), ct);

    public Task<Result<Invitation>> AcceptAsync(Actor invitee, string channelId, string inviter, string requestId, string? attachExt, CancellationToken ct) =>
        AnswerAsync(invitee, inviter, invitee.UserId, channelId, requestId, i => invitations.AcceptAsync(invitee, i.Id, attachExt, ct), ct);

    /// <summary>A channel as the SDK shows it, with its members.</summary>
    public async Task<Result<NimChannel>> ChannelInfoAsync(string channelId, CancellationToken ct)
    {
        var channel = await channels.GetAsync(channelId, ct);
        return channel.IsSuccess ? NimChannel.From(channel.Value.ToView(), clock.GetUtcNow()) : channel.Error;
    }

    /// <summary>
    /// The channel as a joiner gets it back: with <c>Adapters:Nim:Nertc</c> set, plus the joiner's NERTC token for the
    /// media room named <paramref name="media"/>.ChannelName (default: the channel's name), valid for its ttl.
    /// </summary>
    public async Task<Result<NimChannel>> JoinedInfoAsync(string channelId, Actor joiner, NertcRequest media, CancellationToken ct)
    {
        var info = await ChannelInfoAsync(channelId, ct);
        var nertc = options.Value.Nertc;
        if (!info.IsSuccess || string.IsNullOrEmpty(nertc?.AppSecret) || info.Value.Members.FirstOrDefault(m => m.Accid == joiner.UserId) is not { } member)
        {
            return info;
        }

        var ttl = media.TtlSeconds is > 0 and <= 86_400 ? media.TtlSeconds.Value : (long)nertc.TokenTtl.TotalSeconds;
        var appKey = string.IsNullOrEmpty(nertc.AppKey) ? options.Value.AppKey : nertc.AppKey;
        var token = NertcTokens.Create(appKey, nertc.AppSecret, media.ChannelName ?? info.Value.ChannelName, member.Uid, ttl, clock.GetUtcNow());
        return info.Value with { NertcToken = token, NertcTokenTtl = ttl };
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    private async Task<Result<Invitation>> AnswerAsync(
        Actor caller, string inviter, string invitee, string channelId, string requestId, Func<Invitation, Task<Result<Invitation>>> act, CancellationToken ct)
    {
        var found = await FindAsync(caller, inviter, requestId, channelId, invitee, ct);
        return found.IsSuccess ? await act(found.Value) : found;
    }
}
