using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Signaling.Core.Invitations;

namespace Signaling.Core.Webhooks;

/// <summary>Makes the webhook messages of each type, one per subscribed endpoint, in the Standard Webhooks body shape.</summary>
public sealed class WebhookMessages(IWebhookSubscriptions subscriptions)
{
    public bool Wants(string type) => subscriptions.EndpointsFor(type).Count > 0;

    public IEnumerable<WebhookMessage> PushRequested(Invitation invitation, string invitee, DateTimeOffset now) =>
        Make(WebhookTypes.PushRequested, invitee, now, new PushRequested(
            invitation.Id, invitee, WebhookParty.From(invitation.Inviter), invitation.GroupId, invitation.RoomId, invitation.MediaType, invitation.Data,
            invitation.CreatedAt, invitation.ExpiresAt, Push(invitation.OfflinePush)), WebhookJson.Default.PushRequested);

    public IEnumerable<WebhookMessage> CallRecord(Invitation invitation, DateTimeOffset now) =>
        Make(WebhookTypes.CallRecord, invitation.Inviter.UserId, now, Record(invitation, now), WebhookJson.Default.CallRecord);

    public IEnumerable<WebhookMessage> Presence(string userId, bool online, string? surface, DateTimeOffset now) =>
        Make(WebhookTypes.UserPresence, userId, now, new UserPresence(userId, online, now, surface), WebhookJson.Default.UserPresence);

    private IEnumerable<WebhookMessage> Make<T>(string type, string orderKey, DateTimeOffset now, T data, JsonTypeInfo<T> json)
    {
        var endpoints = subscriptions.EndpointsFor(type);
        if (endpoints.Count == 0)
        {
            yield break;
        }

        // One id for every endpoint's copy: it names the event, and receivers de-duplicate by it.
        var id = $"msg_{Ids.New()}";
        var body = Body(type, now, JsonSerializer.Serialize(data, json));
        foreach (var endpoint in endpoints)
        {
            yield return new WebhookMessage(endpoint, id, type, orderKey, now, body);
        }
    }

    private static string Body(string type, DateTimeOffset now, string data)
    {
        var text = new StringBuilder(data.Length + 96);
        text.Append("{\"type\":").Append(JsonSerializer.Serialize(type, WebhookJson.Default.String))
            .Append(",\"timestamp\":").Append(JsonSerializer.Serialize(now.ToUniversalTime(), WebhookJson.Default.DateTimeOffset))
            .Append(",\"data\":").Append(data).Append('}');
        return text.ToString();
    }

    private static WebhookPush Push(OfflinePushInfo? push)
    {
        JsonElement? vendor = push?.VendorFields is { } fields ? JsonDocument.Parse(fields).RootElement.Clone() : null;
        string? Text(params string[] names) => names.Select(n => Field(vendor, n)).FirstOrDefault(v => v?.ValueKind == JsonValueKind.String)?.GetString();
        var voip = new[] { "isVoipPush", "voip", "iOSPushType" }.Select(n => Field(vendor, n)).FirstOrDefault(v => v is not null) is { } flag
                   && (flag.ValueKind == JsonValueKind.True || (flag.ValueKind == JsonValueKind.Number && flag.GetInt32() == 1));
        return new WebhookPush(push?.Title, push?.Content, push?.Payload, Text("iOSSound", "iOSPushSound", "sound"), push?.Badge, voip, vendor);
    }

    private static JsonElement? Field(JsonElement? vendor, string name) =>
        vendor is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) ? value : null;

    private static CallRecord Record(Invitation invitation, DateTimeOffset now)
    {
        var connectedAt = invitation.History.FirstOrDefault(s => s.Action == InvitationAction.Accepted)?.At;
        var endedAt = invitation.EndedAt ?? now;
        var invitees = invitation.Invitees
            .Select(i => new CallRecordInvitee(i.UserId, invitation.History.LastOrDefault(s => s.Actor.UserId == i.UserId)?.Actor.Surface, Outcome(i.State), i.AnsweredAt))
            .Concat(invitation.Busy.Select(b => new CallRecordInvitee(b, null, "busy", null)))
            .ToList();
        var last = invitation.History.Count > 1 ? invitation.History[^1] : null;
        var outcome = connectedAt is not null ? "connected"
            : invitees.Count == 0 ? "busy"
            : invitees.Select(i => i.Outcome).Distinct().Count() == 1 ? invitees[0].Outcome
            : "unanswered";
        return new CallRecord(
            invitation.Id, WebhookParty.From(invitation.Inviter), invitees, invitation.GroupId, invitation.RoomId, invitation.MediaType, outcome,
            invitation.CreatedAt, connectedAt, endedAt, ((connectedAt ?? endedAt) - invitation.CreatedAt).TotalSeconds,
            connectedAt is { } connected ? (endedAt - connected).TotalSeconds : 0,
            last is null ? null : WebhookParty.From(last.Actor));
    }

    private static string Outcome(InviteeState state) => state switch
    {
        InviteeState.Accepted => "accepted",
        InviteeState.Rejected => "rejected",
        InviteeState.Cancelled => "cancelled",
        InviteeState.TimedOut => "timedOut",
        _ => "pending",
    };
}
