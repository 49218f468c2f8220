using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Invitations;

namespace Signaling.Http.Canonical;

/// <summary>Sample responses for the OpenAPI document (fixed values, so the committed document is stable).</summary>
public static class Examples
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static InvitationView Invitation { get; } = new(
        "5f0c8a2e9b1d4c7fa3e6b2d1c0f9e8a7", new Actor("alice", "phone"), [new InviteeView("bob", InviteeState.Pending)], [],
        null, "0d9f3c1b7a5e4f2d8c6b4a2e0f1d3c5b", MediaType.Video, "{\"callType\":\"video\"}", 30, false, null, null,
        InvitationStatus.Ringing, At, At.AddSeconds(30));

    public static ChannelView Channel { get; } = new(
        "9a8b7c6d5e4f30211203f4e5d6c7b8a9", "team-standup", ChannelType.Video, "", "alice", At, At.AddHours(2), 100, false,
        [new ChannelMember("alice", "phone", 1, At, At.AddHours(2))], new Dictionary<string, string> { ["topic"] = "standup" });
}
