using Signaling.Core.Channels;
using Signaling.Core.Errors;
using Signaling.Core.Events;

namespace Signaling.Core.Tests;

public sealed class ChannelRulesTests : IAsyncLifetime
{
    private readonly CoreHarness _core = new();

    public Task InitializeAsync() => _core.InitializeAsync();

    public Task DisposeAsync() => _core.DisposeAsync();

    [Fact]
    public async Task Create_NameIsUniqueWhileTheChannelLives()
    {
        var first = await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest { Name = "room" });
        var clash = await _core.Channels.CreateAsync(new Actor("bob"), new CreateChannelRequest { Name = "room" });
        await _core.Channels.CloseAsync(new Actor("alice"), first.Value!.Id, null);
        var reuse = await _core.Channels.CreateAsync(new Actor("bob"), new CreateChannelRequest { Name = "room" });

        Assert.Equal(SignalingErrorCode.ChannelExists, clash.Error?.Code);
        Assert.True(reuse.IsSuccess);
        Assert.Equal(reuse.Value!.Id, (await _core.Channels.FindByNameAsync("room")).Value!.Id);
    }

    [Fact]
    public async Task Create_ExpiredChannelFreesItsName()
    {
        await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest { Name = "room", TtlSeconds = 60 });
        _core.Clock.Advance(TimeSpan.FromSeconds(61));

        var reuse = await _core.Channels.CreateAsync(new Actor("bob"), new CreateChannelRequest { Name = "room" });

        Assert.True(reuse.IsSuccess);
    }

    [Fact]
    public async Task Join_AssignsUniqueUids_KeepsChosenOnes_AndReportsConflicts()
    {
        var channel = (await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest())).Value!;

        var chosen = await _core.Channels.JoinAsync(new Actor("alice"), channel.Id, 1, null);
        var assigned = await _core.Channels.JoinAsync(new Actor("bob"), channel.Id, null, null);
        var conflict = await _core.Channels.JoinAsync(new Actor("carol"), channel.Id, 1, null);
        var again = await _core.Channels.JoinAsync(new Actor("bob"), channel.Id, null, null);
        var otherDevice = await _core.Channels.JoinAsync(new Actor("bob", "tablet"), channel.Id, null, null);

        Assert.Equal(1, chosen.Value!.Uid);
        Assert.NotEqual(1, assigned.Value!.Uid);
        Assert.True(assigned.Value.Uid > 0);
        Assert.Equal(SignalingErrorCode.UidConflict, conflict.Error?.Code);
        Assert.Equal(SignalingErrorCode.AlreadyInChannel, again.Error?.Code);
        Assert.Equal(SignalingErrorCode.AlreadyInChannelOnOtherDevice, otherDevice.Error?.Code);
        // Alice hears of her own join (for her other devices) and of Bob's; failed joins tell nobody.
        Assert.Equal(["alice", "bob"], (await _core.EventsOf("alice")).Select(e => e.Member!.UserId));
        Assert.All(await _core.EventsOf("alice"), e => Assert.Equal(EventKind.MemberJoined, e.Kind));
    }

    [Fact]
    public async Task Join_BeyondTheMemberLimit_IsFull()
    {
        var channel = (await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest { MemberLimit = 2 })).Value!;
        await _core.Channels.JoinAsync(new Actor("u1"), channel.Id, null, null);
        await _core.Channels.JoinAsync(new Actor("u2"), channel.Id, null, null);

        Assert.Equal(SignalingErrorCode.ChannelFull, (await _core.Channels.JoinAsync(new Actor("u3"), channel.Id, null, null)).Error?.Code);
    }

    [Fact]
    public async Task DefaultMemberLimit_Is100()
    {
        var channel = (await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest())).Value!;

        Assert.Equal(100, channel.MemberLimit);
    }

    [Fact]
    public async Task LeaveAndClose_TellTheMembers_ThenTheChannelIsGone()
    {
        var channel = (await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest())).Value!;
        await _core.Channels.JoinAsync(new Actor("alice"), channel.Id, null, null);
        await _core.Channels.JoinAsync(new Actor("bob"), channel.Id, null, null);
        await _core.Channels.JoinAsync(new Actor("carol"), channel.Id, null, null);

        await _core.Channels.LeaveAsync(new Actor("carol"), channel.Id, null);
        var outsider = await _core.Channels.CloseAsync(new Actor("carol"), channel.Id, null);
        await _core.Channels.CloseAsync(new Actor("bob"), channel.Id, "done");

        Assert.Equal(SignalingErrorCode.NotInChannel, outsider.Error?.Code);
        Assert.Equal([EventKind.MemberJoined, EventKind.MemberJoined, EventKind.MemberJoined, EventKind.MemberLeft, EventKind.ChannelClosed], await _core.KindsOf("alice"));
        Assert.Equal([EventKind.MemberJoined, EventKind.MemberLeft], await _core.KindsOf("carol"));
        Assert.Equal(SignalingErrorCode.ChannelNotFound, (await _core.Channels.GetAsync(channel.Id)).Error?.Code);
        Assert.Equal(SignalingErrorCode.ChannelNotFound, (await _core.Channels.JoinAsync(new Actor("dave"), channel.Id, null, null)).Error?.Code);
    }

    [Fact]
    public async Task Attributes_SetDeleteClear_ReachMembers()
    {
        var channel = (await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest())).Value!;
        await _core.Channels.JoinAsync(new Actor("bob"), channel.Id, null, null);

        await _core.Channels.SetAttributeAsync(new Actor("alice"), channel.Id, "topic", "standup");
        await _core.Channels.SetAttributeAsync(new Actor("bob"), channel.Id, "mood", "good");
        await _core.Channels.DeleteAttributeAsync(new Actor("bob"), channel.Id, "mood");
        var denied = await _core.Channels.SetAttributeAsync(new Actor("carol"), channel.Id, "x", "y");

        Assert.Equal(SignalingErrorCode.NotInChannel, denied.Error?.Code);
        Assert.Equal(new Dictionary<string, string> { ["topic"] = "standup" }, (await _core.Channels.GetAsync(channel.Id)).Value!.Attributes);
        var changes = (await _core.EventsOf("bob")).Where(e => e.Kind == EventKind.ChannelAttributesChanged).ToList();
        Assert.Equal([("topic", "standup"), ("mood", "good"), ("mood", null)], changes.Select(e => (e.AttributeName!, e.AttributeValue)));

        await _core.Channels.ClearAttributesAsync(new Actor("bob"), channel.Id);
        Assert.Empty((await _core.Channels.GetAsync(channel.Id)).Value!.Attributes);
    }

    [Fact]
    public async Task Message_ReachesEveryOtherMember()
    {
        var channel = (await _core.Channels.CreateAsync(new Actor("alice"), new CreateChannelRequest())).Value!;
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            await _core.Channels.JoinAsync(new Actor(user), channel.Id, null, null);
        }

        var sent = await _core.Channels.SendMessageAsync(new Actor("alice"), channel.Id, "hi all");

        Assert.Equal(2, sent.Value);
        Assert.Equal("hi all", (await _core.EventsOf("carol")).Last().Data);
        Assert.DoesNotContain(EventKind.ChannelMessage, await _core.KindsOf("alice"));
    }
}
