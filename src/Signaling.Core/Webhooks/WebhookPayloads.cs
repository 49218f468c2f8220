using System.Text.Json;
using System.Text.Json.Serialization;
using Signaling.Core.Invitations;

namespace Signaling.Core.Webhooks;

/// <summary>A party of a call as webhooks name it: the user, the device and the surface they used, when known.</summary>
public sealed record WebhookParty(string UserId, string? DeviceId, string? Surface)
{
    public static WebhookParty From(Actor actor) => new(actor.UserId, actor.DeviceId, actor.Surface);
}

/// <summary>What a push service needs, normalised from any surface's push options; <c>vendorFields</c> keeps the rest as sent.</summary>
public sealed record WebhookPush(string? Title, string? Body, string? Payload, string? Sound, int? Badge, bool Voip, JsonElement? VendorFields);

/// <summary><c>push.requested</c>: an invitee was rung while offline.</summary>
public sealed record PushRequested(
    string InvitationId, string Invitee, WebhookParty Inviter, string? GroupId, string RoomId, MediaType MediaType, string Data,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, WebhookPush Push);

/// <summary>One invitee's part in a <c>call.record</c>.</summary>
public sealed record CallRecordInvitee(string UserId, string? Surface, string Outcome, DateTimeOffset? AnsweredAt);

/// <summary><c>call.record</c>: an invitation or call that is over.</summary>
public sealed record CallRecord(
    string InvitationId, WebhookParty Inviter, IReadOnlyList<CallRecordInvitee> Invitees, string? GroupId, string RoomId, MediaType MediaType,
    string Outcome, DateTimeOffset CreatedAt, DateTimeOffset? ConnectedAt, DateTimeOffset EndedAt, double RingSeconds, double TalkSeconds,
    WebhookParty? EndedBy);

/// <summary><c>user.presence</c>: a user's first stream opened (online) or last one closed or expired (offline).</summary>
public sealed record UserPresence(string UserId, bool Online, DateTimeOffset At, string? Surface);

// Every property is written, null or not: receivers read a fixed shape.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PushRequested))]
[JsonSerializable(typeof(CallRecord))]
[JsonSerializable(typeof(UserPresence))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(DateTimeOffset))]
public sealed partial class WebhookJson : JsonSerializerContext;
