using System.Text.Json;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;

namespace Signaling.Adapters.Nim.Tests;

public sealed class NimEventRendererTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1767268800000);

    private static readonly ChannelView Channel = new("ch1", "room-a", ChannelType.Video, "", "acc1", Now, Now.AddHours(2), 100, false, [], new Dictionary<string, string>());

    private static readonly InvitationView Invitation = new("inv1", new Actor("acc1", "web"), [new InviteeView("acc2", InviteeState.Accepted)], [], null, "ch1",
        MediaType.Video, "", 90, false, null, "req-9", InvitationStatus.Connected, Now, Now.AddSeconds(90));

    private readonly NimEventRenderer _renderer = new();

    [Fact]
    [Trait("VendorFact", "A.4 web payload: eventType, event_type, channel fields, from, to, requestId, time, msgid")]
    public void Accept_ToTheInviter_IsSignalingNotifyWithBothTypeSpellings()
    {
        var frame = Assert.Single(_renderer.Render(Event(EventKind.InviteeAccepted, recipient: "acc1", actor: new Actor("acc2", "phone"))));
        var data = JsonDocument.Parse(frame.Data).RootElement;

        Assert.Equal("signalingNotify", frame.Name);
        Assert.Equal(("ACCEPT", 6), (data.GetProperty("eventType").GetString(), data.GetProperty("event_type").GetInt32()));
        Assert.Equal(("acc2", "acc1", "req-9"), (data.GetProperty("from").GetString(), data.GetProperty("to").GetString(), data.GetProperty("requestId").GetString()));
        Assert.Equal(("room-a", "ch1", 2), (data.GetProperty("channelName").GetString(), data.GetProperty("channelId").GetString(), data.GetProperty("type").GetInt32()));
        Assert.Equal("17", data.GetProperty("msgid").GetString());
    }

    [Fact]
    [Trait("VendorFact", "A.4 multi-device sync (ACCEPT/REJECT only); in a multi-sync event, from is yourself")]
    public void AnsweredElsewhere_IsTheMultiClientSync_FromMe()
    {
        var frame = Assert.Single(_renderer.Render(Event(EventKind.AnsweredElsewhere, recipient: "acc2", actor: new Actor("acc2", "phone"))));
        Assert.Equal("signalingMutilClientSyncNotify", frame.Name);
        Assert.Equal("acc2", JsonDocument.Parse(frame.Data).RootElement.GetProperty("from").GetString());
    }

    [Fact]
    [Trait("VendorFact", "A.2 there is no server timeout event: apps keep their own timer")]
    public void Timeout_HasNoNotification() =>
        Assert.Empty(_renderer.Render(Event(EventKind.InvitationTimedOut, recipient: "acc1", actor: Actor.Server)));

    [Fact]
    [Trait("VendorFact", "A.4 offline items add channelInValid")]
    public void OfflineSync_IsOneListWithValidity()
    {
        var invite = Event(EventKind.InvitationReceived, recipient: "acc2", actor: new Actor("acc1", "web"));
        var sync = new SignalingEvent
        {
            Recipient = "acc2", Kind = EventKind.OfflineSync, Time = Now, Actor = new Actor("acc2", "phone"), Items = [new OfflineItem(invite, Valid: false)],
        };

        var frame = Assert.Single(_renderer.Render(sync));
        var item = Assert.Single(JsonDocument.Parse(frame.Data).RootElement.EnumerateArray());
        Assert.Equal("signalingUnreadMessageSyncNotify", frame.Name);
        Assert.Equal(("INVITE", true), (item.GetProperty("eventType").GetString(), item.GetProperty("channelInValid").GetBoolean()));
    }

    private static SignalingEvent Event(EventKind kind, string recipient, Actor actor) => new()
    {
        Sequence = 17, Recipient = recipient, Kind = kind, Time = Now, Actor = actor, InvitationId = "inv1", ChannelId = "ch1",
        Invitation = Invitation, Channel = Channel, Users = [actor.UserId],
    };
}
