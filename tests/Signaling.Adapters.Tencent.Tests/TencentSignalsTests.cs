using Microsoft.Extensions.Time.Testing;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;

namespace Signaling.Adapters.Tencent.Tests;

/// <summary>Canonical events in Tencent's terms: the custom message (A.5) and the listener callbacks (A.6).</summary>
public sealed class TencentSignalsTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("VendorFact", "A.5: the custom message JSON has exactly businessID, inviteID, groupID, inviter, inviteeList, data, timeout, actionType, onlineUserOnly")]
    public void Message_ForAnInvite_HasTheExactPayloadKeysInOrder()
    {
        var message = TencentSignals.Message(Event(EventKind.InvitationReceived, "bob", step: 1, data: "hi"))!;

        Assert.Equal("inv1-1", message.MsgID);
        Assert.Equal(2, message.ElemType);
        Assert.Equal(
            """{"businessID":1,"inviteID":"inv1","groupID":"","inviter":"alice","inviteeList":["bob","carol"],"data":"hi","timeout":30,"actionType":1,"onlineUserOnly":false}""",
            message.CustomElem.Data);
        Assert.Equal(("alice", "bob"), (message.Sender, message.UserID));
    }

    [Fact]
    [Trait("VendorFact", "A.5: accept/reject carry inviteeList=[self] and go from the invitee to the inviter; no timeout")]
    public void Message_ForAnAccept_NamesTheInviteeAndGoesToTheInviter()
    {
        var message = TencentSignals.Message(Event(EventKind.InviteeAccepted, "alice", step: 2, data: "ok", actor: "bob"))!;

        Assert.Contains("\"inviteeList\":[\"bob\"],\"data\":\"ok\",\"timeout\":0,\"actionType\":3", message.CustomElem.Data, StringComparison.Ordinal);
        Assert.Equal(("bob", "alice"), (message.Sender, message.UserID));
    }

    [Fact]
    [Trait("VendorFact", "A.2: onlineUserOnly=true leaves no history message")]
    public void Message_ForAnOnlineOnlyInvitation_IsNone() =>
        Assert.Null(TencentSignals.Message(Event(EventKind.InvitationReceived, "bob", step: 1, onlineOnly: true)));

    [Fact]
    public void MessageId_RoundTrips()
    {
        Assert.True(TencentSignals.TryParseMessageId(TencentSignals.MessageId("ab-cd", 12), out var id, out var step));
        Assert.Equal(("ab-cd", 12), (id, step));
        Assert.False(TencentSignals.TryParseMessageId("not a signaling message", out _, out _));
    }

    [Fact]
    [Trait("VendorFact", "A.6: onInvitationTimeout(inviteID, inviteeList), plus the JS SDK's inviter, groupID, isSelfTimeout (audit T-5); onReceiveNewInvitation dropped once its timeout has passed")]
    public void Renderer_NamesCallbacksLikeTheSdk_AndDropsExpiredInvitations()
    {
        var clock = new FakeTimeProvider(At);
        var renderer = new TencentEventRenderer(clock);

        var timeout = Assert.Single(renderer.Render(Event(EventKind.InvitationTimedOut, "alice", step: 2, users: ["bob"])));
        Assert.Equal("onInvitationTimeout", timeout.Name);
        Assert.Equal("""{"inviteID":"inv1","inviteeList":["bob"],"inviter":"alice","groupID":"","isSelfTimeout":false}""", System.Text.Encoding.UTF8.GetString(timeout.Data));

        Assert.Equal("onReceiveNewInvitation", Assert.Single(renderer.Render(Event(EventKind.InvitationReceived, "bob", step: 1))).Name);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Empty(renderer.Render(Event(EventKind.InvitationReceived, "bob", step: 1)));
    }

    [Fact]
    [Trait("VendorFact", "TUICallKit TSignalingClient.js lastOneHangup: a call ends with an invite, timeout 0, whose data holds call_end and data.cmd = hangup (Tencent has no hang-up event)")]
    public void Renderer_ACallEndedElsewhere_ReachesTencentAppsAsTheCallKitsHangUpInvite()
    {
        var renderer = new TencentEventRenderer(new FakeTimeProvider(At));
        var kitsOwn = "{\"version\":4,\"call_end\":12,\"data\":{\"cmd\":\"hangup\"}}";

        var fromAnotherSurface = Assert.Single(renderer.Render(Event(EventKind.CallEnded, "bob", step: 3)));
        var fromAKit = Assert.Single(renderer.Render(Event(EventKind.CallEnded, "bob", step: 3, data: kitsOwn)));

        Assert.Equal("onReceiveNewInvitation", fromAnotherSurface.Name);
        using var synthesised = System.Text.Json.JsonDocument.Parse(fromAnotherSurface.Data);
        Assert.Equal("alice", synthesised.RootElement.GetProperty("inviter").GetString());
        Assert.Equal(["bob"], synthesised.RootElement.GetProperty("inviteeList").EnumerateArray().Select(i => i.GetString()));
        Assert.True(TencentCallKit.IsHangUp(synthesised.RootElement.GetProperty("data").GetString()));
        using var forwarded = System.Text.Json.JsonDocument.Parse(fromAKit.Data);
        Assert.Equal(kitsOwn, forwarded.RootElement.GetProperty("data").GetString());
        Assert.Empty(renderer.Render(Event(EventKind.CallEnded, "alice", step: 3))); // the one who hung up
    }

    private static SignalingEvent Event(
        EventKind kind, string recipient, int step, string data = "", string actor = "alice", IReadOnlyList<string>? users = null, bool onlineOnly = false) => new()
    {
        Recipient = recipient,
        Kind = kind,
        Time = At,
        Actor = new Actor(actor),
        InvitationId = "inv1",
        Data = data,
        Step = step,
        Users = users,
        Invitation = new InvitationView(
            "inv1", new Actor("alice"), [new InviteeView("bob", InviteeState.Accepted), new InviteeView("carol", InviteeState.Pending)], [], null,
            "room1", MediaType.Video, data, 30, onlineOnly, null, null, InvitationStatus.Connected, At, At.AddSeconds(30)),
    };
}
