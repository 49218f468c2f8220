using System.Text;
using System.Text.Json;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;

namespace Signaling.Adapters.OpenIM.Tests;

/// <summary>OpenIM's delivery rules, reference B.4.</summary>
public sealed class OpenIMEventRendererTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly OpenIMEventRenderer _renderer = new();

    [Fact]
    [Trait("VendorFact", "B.4: OnInvitationTimeout on the inviter, once per invitee, carrying userID")]
    public void Timeout_ForTheInviter_IsOneCallbackPerInvitee_AndNothingForInvitees()
    {
        var frames = _renderer.Render(Event(EventKind.InvitationTimedOut, "u1", Actor.Server, users: ["u2", "u3"]));

        Assert.Equal(["OnInvitationTimeout", "OnInvitationTimeout"], frames.Select(f => f.Name));
        Assert.Equal(["u2", "u3"], frames.Select(f => Json(f).GetProperty("userID").GetString()));
        Assert.Empty(_renderer.Render(Event(EventKind.InvitationTimedOut, "u2", Actor.Server, users: ["u2"])));
    }

    [Fact]
    [Trait("VendorFact", "B.4: OnHangUp to everyone notified except the user who hung up")]
    public void HangUp_SkipsTheUserWhoHungUp()
    {
        Assert.Contains(_renderer.Render(Event(EventKind.CallEnded, "u2", new Actor("u1", "1"))), f => f.Name == "OnHangUp");
        Assert.Empty(_renderer.Render(Event(EventKind.CallEnded, "u1", new Actor("u1", "1"))));
    }

    [Fact]
    [Trait("VendorFact", "B.4: accept on one platform → the user's other platforms get OnInviteeAcceptedByOtherDevice with opUserPlatformID")]
    public void AnsweredElsewhere_IsByOtherDevice_WithTheAnsweringPlatform()
    {
        var frame = Assert.Single(_renderer.Render(Event(EventKind.AnsweredElsewhere, "u2", new Actor("u2", "2"))));

        Assert.Equal("OnInviteeAcceptedByOtherDevice", frame.Name);
        Assert.Equal(2, Json(frame).GetProperty("opUserPlatformID").GetInt32());
    }

    [Fact]
    [Trait("VendorFact", "B.2 RtcInvite field names; B.5 busyLineUserIDList")]
    public void Invitation_IsTheRtcInvite()
    {
        var frame = Assert.Single(_renderer.Render(Event(EventKind.InvitationReceived, "u2", new Actor("u1", "5"))));
        var invitation = Json(frame).GetProperty("invitation");

        Assert.Equal("OnReceiveNewInvitation", frame.Name);
        Assert.Equal(["u2", "u3"], invitation.GetProperty("inviteeUserIDList").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(["u3"], invitation.GetProperty("busyLineUserIDList").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(5, invitation.GetProperty("platformID").GetInt32());
        Assert.Equal(1, invitation.GetProperty("sessionType").GetInt32());
        Assert.Equal("room1", invitation.GetProperty("roomID").GetString());
    }

    private static JsonElement Json(Signaling.Http.Streams.EventFrame frame) => JsonDocument.Parse(Encoding.UTF8.GetString(frame.Data)).RootElement;

    private static SignalingEvent Event(EventKind kind, string recipient, Actor actor, IReadOnlyList<string>? users = null) => new()
    {
        Recipient = recipient,
        Kind = kind,
        Time = At,
        Actor = actor,
        InvitationId = "inv1",
        Users = users,
        Invitation = new InvitationView(
            "inv1", new Actor("u1", "5"), [new InviteeView("u2", InviteeState.Accepted)], ["u3"], null, "room1", MediaType.Video, "",
            30, false, null, null, InvitationStatus.Connected, At, At.AddSeconds(30)),
    };
}
