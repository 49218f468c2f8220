using Microsoft.Extensions.Options;
using Signaling.Adapters.Agora.Requests;
using Signaling.Core;
using Signaling.Core.Errors;
using Signaling.Core.Invitations;
using Signaling.Core.Users;

namespace Signaling.Adapters.Agora;

/// <summary>
/// Agora's call rules over the core's invitations: a call is keyed by (channel, caller, callee), so one may be
/// outstanding per pair (701 for a repeat); the callee need not be busy-free; extra's <c>_require_peer_online</c> and
/// <c>_timeout</c> decide when the caller hears onInviteFailed (703 offline, 704 timed out).
/// </summary>
public sealed class AgoraCalls(InvitationService invitations, UserService users, IOptions<AgoraOptions> options)
{
    /// <summary>Places the call; the value is the ecode to answer: 0, 701 (a call to this peer in this channel is outstanding) or 703 (offline, required online).</summary>
    public async Task<Result<int>> InviteAsync(Actor caller, string channelId, string peer, string? extra, CancellationToken ct)
    {
        var (parsed, error) = InviteExtra.Parse(extra);
        if (parsed is null)
        {
            return SignalingError.Invalid("extra", error!);
        }

        var online = (await users.GetPresenceAsync(peer, ct)).Online;
        var timeout = parsed.TimeoutSeconds > 0 ? parsed.TimeoutSeconds
            : !online && !parsed.RequirePeerOnline ? (int)options.Value.OfflineGrace.TotalSeconds
            : 0;
        var invited = await invitations.InviteAsync(caller, new InviteRequest
        {
            Invitees = [peer],
            RoomId = channelId,
            Data = extra,
            TimeoutSeconds = timeout,
            RequireOnline = parsed.RequirePeerOnline,
            ReportDelivery = true,
            RingWhenBusy = true,
            RequestId = channelId,
        }, ct);
        if (!invited.IsSuccess)
        {
            return invited.Error;
        }

        return invited.Value.Replayed ? AgoraErrorMap.Reinvite
            : invited.Value.Invitation.FindInvitee(peer)?.State == InviteeState.TimedOut ? AgoraErrorMap.PeerOffline
            : 0;
    }

    public async Task<Result<Invitation>> AcceptAsync(Actor callee, string channelId, string caller, string? extra, CancellationToken ct) =>
        await FindAsync(callee, caller, callee.UserId, channelId, ct) is { IsSuccess: true } call
            ? await invitations.AcceptAsync(callee, call.Value.Id, extra, ct)
            : SignalingError.InvitationNotFound(channelId);

    public async Task<Result<Invitation>> RefuseAsync(Actor callee, string channelId, string caller, string? extra, CancellationToken ct) =>
        await FindAsync(callee, caller, callee.UserId, channelId, ct) is { IsSuccess: true } call
            ? await invitations.RejectAsync(callee, call.Value.Id, extra, ct)
            : SignalingError.InvitationNotFound(channelId);

    /// <summary>
    /// Ends my call with <paramref name="peer"/>, whichever side I am on: a connected call is hung up; one still ringing
    /// is cancelled by its caller or refused by its callee.
    /// </summary>
    public async Task<Result<Invitation>> EndAsync(Actor me, string channelId, string peer, string? extra, CancellationToken ct)
    {
        var asCaller = await FindAsync(me, me.UserId, peer, channelId, ct);
        var call = asCaller.IsSuccess ? asCaller : await FindAsync(me, peer, me.UserId, channelId, ct);
        if (!call.IsSuccess)
        {
            return call;
        }

        var id = call.Value.Id;
        return call.Value.Status == InvitationStatus.Connected ? await invitations.HangUpAsync(me, id, extra, ct)
            : asCaller.IsSuccess ? await invitations.CancelAsync(me, id, extra, ct)
            : await invitations.RejectAsync(me, id, extra, ct);
    }

    /// <summary>DTMF tones to the other side of my call.</summary>
    public async Task<Result<Invitation>> SendDtmfAsync(Actor me, string channelId, string peer, string dtmf, CancellationToken ct)
    {
        var asCaller = await FindAsync(me, me.UserId, peer, channelId, ct);
        var call = asCaller.IsSuccess ? asCaller : await FindAsync(me, peer, me.UserId, channelId, ct);
        return call.IsSuccess ? await invitations.SendInCallAsync(me, call.Value.Id, peer, dtmf, ct) : call;
    }

    /// <summary>The call between caller and callee in the channel; a call placed from another surface is found by its room.</summary>
    private async Task<Result<Invitation>> FindAsync(Actor me, string caller, string callee, string channelId, CancellationToken ct)
    {
        var keyed = await invitations.FindByRequestAsync(me, caller, channelId, channelId, callee, ct);
        if (keyed.IsSuccess)
        {
            return keyed;
        }

        var byRoom = await invitations.FindByRoomAsync(me, channelId, ct);
        return byRoom.IsSuccess && byRoom.Value.Inviter.UserId == caller && byRoom.Value.FindInvitee(callee) is not null
            ? byRoom
            : SignalingError.InvitationNotFound(channelId);
    }
}
