using System.Text.Json;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;

namespace Signaling.Adapters.Agora.Tests;

public sealed class AgoraEventRendererTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1767268800);
    private readonly AgoraEventRenderer _renderer = new();

    [Fact]
    [Trait("VendorFact", "B.4 onChannelUserList holds at most the latest 200 users; joining replays attributes as update")]
    public void OwnJoin_IsJoinedThenTheLatest200ThenEveryAttribute()
    {
        var members = Enumerable.Range(1, 250).Select(i => new ChannelMember($"u{i}", null, i, Now.AddSeconds(i), Now.AddHours(2))).ToList();
        var channel = new ChannelView("id", "room", ChannelType.Custom, "", "u1", Now, Now.AddHours(2), 1000, false, members,
            new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        var joined = new SignalingEvent { Recipient = "u250", Kind = EventKind.MemberJoined, Time = Now, Actor = new Actor("u250", "s"), Channel = channel, Member = members[^1] };

        var frames = _renderer.Render(joined);

        Assert.Equal(["onChannelJoined", "onChannelUserList", "onChannelAttrUpdated", "onChannelAttrUpdated"], frames.Select(f => f.Name));
        var accounts = JsonDocument.Parse(frames[1].Data).RootElement.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(200, accounts.Count);
        Assert.Equal(("u51", "u250"), (accounts[0], accounts[^1]));
    }

    [Theory]
    [Trait("VendorFact", "B.4 onInviteFailed: _timeout expiry 704, a silent offline peer 703")]
    [InlineData("{\"_timeout\":2}", 704)]
    [InlineData("{}", 703)]
    public void Timeout_ToTheCaller_IsInviteFailed(string extra, int ecode)
    {
        var invitation = new InvitationView("inv", new Actor("a", "s1"), [new InviteeView("b", InviteeState.TimedOut)], [], null, "room", MediaType.Video,
            extra, 2, false, null, "room", InvitationStatus.Ended, Now, Now.AddSeconds(2));
        var timedOut = new SignalingEvent { Recipient = "a", Kind = EventKind.InvitationTimedOut, Time = Now, Actor = Actor.Server, Invitation = invitation, Users = ["b"] };

        var frame = Assert.Single(_renderer.Render(timedOut));
        Assert.Equal("onInviteFailed", frame.Name);
        Assert.Equal(ecode, JsonDocument.Parse(frame.Data).RootElement.GetProperty("ecode").GetInt32());
        Assert.Empty(_renderer.Render(timedOut with { Recipient = "b" }));
    }

    [Fact]
    public void Extra_StaysReadableJsonText()
    {
        var invitation = new InvitationView("inv", new Actor("a", "s1"), [new InviteeView("b", InviteeState.Pending)], [], null, "room", MediaType.Video,
            "{\"a\":1}", 0, false, null, "room", InvitationStatus.Ringing, Now, null);
        var received = new SignalingEvent { Recipient = "b", Kind = EventKind.InvitationReceived, Time = Now, Actor = new Actor("a", "s1"), Invitation = invitation, Data = "{\"a\":1}" };

        var text = System.Text.Encoding.UTF8.GetString(Assert.Single(_renderer.Render(received)).Data);

        Assert.Contains("\"extra\":\"{\\\"a\\\":1}\"", text);
    }
}
