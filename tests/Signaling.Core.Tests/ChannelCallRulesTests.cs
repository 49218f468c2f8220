using Signaling.Core.Channels;
using Signaling.Core.Errors;
using Signaling.Core.Events;
using Signaling.Core.Invitations;

namespace Signaling.Core.Tests;

/// <summary>The rules NIM-style calls rely on: inviting into a channel, removing members, extending, the offline inbox.</summary>
public sealed class ChannelCallRulesTests : IAsyncLifetime
{
    private readonly CoreHarness _core = new();

    public Task InitializeAsync() => _core.InitializeAsync();

    public Task DisposeAsync() => _core.DisposeAsync();

    [Fact]
    public async Task CheckInvite_OnlyMembersInvite_NotSomeoneAlreadyIn_NotIntoAFullChannel()
    {
        var channel = (await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest { MemberLimit = 2 })).Value!;
        await _core.Channels.JoinAsync(new Actor("alice"), channel.Id, null, null);

        Assert.Equal(SignalingErrorCode.NotInChannel, (await _core.Channels.CheckInviteAsync(new Actor("mallory"), channel.Id, "bob")).Error?.Code);
        Assert.True((await _core.Channels.CheckInviteAsync(new Actor("alice"), channel.Id, "bob")).IsSuccess);
        await _core.Channels.JoinAsync(new Actor("bob"), channel.Id, null, null);
        Assert.Equal(SignalingErrorCode.AlreadyInChannel, (await _core.Channels.CheckInviteAsync(new Actor("alice"), channel.Id, "bob")).Error?.Code);
        Assert.Equal(SignalingErrorCode.ChannelFull, (await _core.Channels.CheckInviteAsync(new Actor("alice"), channel.Id, "carol")).Error?.Code);
    }

    [Fact]
    public async Task Kick_OnlyTheCreator_AndTheKickedMemberIsTold()
    {
        var channel = (await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest())).Value!;
        await _core.Channels.JoinAsync(new Actor("bob"), channel.Id, null, null);
        await _core.Channels.JoinAsync(new Actor("carol"), channel.Id, null, null);

        var refused = await _core.Channels.KickAsync(new Actor("carol"), channel.Id, "bob", null);
        var kicked = await _core.Channels.KickAsync(new Actor("alice"), channel.Id, "bob", null);

        Assert.Equal(SignalingErrorCode.PermissionDenied, refused.Error?.Code);
        Assert.Equal("bob", kicked.Value!.UserId);
        Assert.Contains(await _core.Log.ReadAsync("bob", 0, 10), e => e.Kind == EventKind.MemberLeft && e.Member?.UserId == "bob");
        Assert.Null(await _core.Channels.FindCurrentAsync("bob"));
        Assert.Equal(channel.Id, (await _core.Channels.FindCurrentAsync("carol"))?.Id);
    }

    [Fact]
    public async Task Delay_ExtendsTheChannelAndItsMembersFromNow()
    {
        var channel = (await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest())).Value!;
        await _core.Channels.JoinAsync(new Actor("alice"), channel.Id, null, null);
        _core.Clock.Advance(TimeSpan.FromMinutes(90));

        var delayed = (await _core.Channels.DelayAsync(new Actor("alice"), channel.Id)).Value!;
        _core.Clock.Advance(TimeSpan.FromMinutes(60));

        Assert.Equal(_core.Clock.GetUtcNow() + TimeSpan.FromMinutes(60), delayed.ExpiresAt);
        Assert.All(delayed.Members, m => Assert.Equal(delayed.ExpiresAt, m.ExpiresAt));
        Assert.True((await _core.Channels.GetAsync(channel.Id)).IsSuccess);
    }

    [Fact]
    public async Task RequestKey_IsPerInvitee_SoOneRequestIdServesAGroupCall()
    {
        var first = await _core.Invitations.InviteAsync(new Actor("alice"), new InviteRequest { Invitees = ["bob"], RoomId = "ch", RequestId = "r1" });
        var second = await _core.Invitations.InviteAsync(new Actor("alice"), new InviteRequest { Invitees = ["carol"], RoomId = "ch", RequestId = "r1" });
        var retry = await _core.Invitations.InviteAsync(new Actor("alice"), new InviteRequest { Invitees = ["bob"], RoomId = "ch", RequestId = "r1" });

        Assert.NotEqual(first.Value!.Invitation.Id, second.Value!.Invitation.Id);
        Assert.True(retry.Value!.Replayed);
        Assert.Equal(first.Value.Invitation.Id, retry.Value.Invitation.Id);
        Assert.Equal(second.Value.Invitation.Id, (await _core.Invitations.FindByRequestAsync(new Actor("carol"), "alice", "r1", "ch", "carol")).Value!.Id);
    }

    [Fact]
    public async Task OfflineInbox_OffersUnansweredKeptInvitations_UntilMarkedRead()
    {
        var channel = (await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest())).Value!;
        var kept = await _core.Invitations.InviteAsync(new Actor("alice"), new InviteRequest { Invitees = ["bob"], RoomId = channel.Id, TimeoutSeconds = 90 });
        var answered = await _core.Invitations.InviteAsync(new Actor("carol"), new InviteRequest { Invitees = ["bob"], TimeoutSeconds = 90 });
        await _core.Invitations.InviteAsync(new Actor("dave"), new InviteRequest { Invitees = ["bob"], OnlineUserOnly = true });
        await _core.Invitations.RejectAsync(new Actor("bob", "phone"), answered.Value!.Invitation.Id, null);
        await _core.Channels.CloseAsync(new Actor("alice"), channel.Id, null);

        var unread = await _core.Inbox.SyncAsync(new Actor("bob", "tablet"));
        var item = Assert.Single(unread);
        Assert.Equal((kept.Value!.Invitation.Id, false), (item.Event.InvitationId, item.Valid));
        var sync = (await _core.Log.ReadRecentAsync("bob", 1)).Single();
        Assert.Equal(EventKind.OfflineSync, sync.Kind);
        Assert.True(sync.IsVisibleOn("tablet"));
        Assert.False(sync.IsVisibleOn("phone"));

        await _core.Inbox.MarkReadAsync(new Actor("bob", "tablet"), [item.Event.Sequence]);
        Assert.Empty(await _core.Inbox.ReadUnreadAsync("bob"));
    }
}
