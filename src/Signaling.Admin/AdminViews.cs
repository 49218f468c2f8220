using Signaling.Core.Channels;
using Signaling.Core.Invitations;

namespace Signaling.Admin;

/// <summary>A page of a listing: pass <see cref="Next"/> as <c>cursor</c> for the next one; null on the last page.</summary>
public sealed record AdminPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>A login session (the vendors that log in once, such as Agora): the scheme it belongs to and its device.</summary>
public sealed record SessionView(string Id, string Scheme, string Device, DateTimeOffset Since);

/// <summary>An open event stream: the surface and transport it came in on, its device, and when it counts as gone unless renewed.</summary>
public sealed record StreamView(string Id, string Surface, string Transport, string? DeviceId, DateTimeOffset Since, DateTimeOffset ExpiresAt);

public sealed record OnlineUserView(string UserId, IReadOnlyList<SessionView> Sessions, IReadOnlyList<StreamView> Streams);

/// <summary>
/// A webhook endpoint: what waits for it in the outbox (every node's), and what this node's deliverers saw since it
/// started (attempts by result, the last success, the last error).
/// </summary>
public sealed record WebhookEndpointView(
    string Name, long Backlog, DateTimeOffset? OldestWaitingSince, long Delivered, long FailedAttempts, long Dropped,
    DateTimeOffset? LastDeliveredAt, string? LastError, DateTimeOffset? LastErrorAt);

/// <summary>The admin API's response types, for the JSON source generator.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(AdminPage<InvitationView>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(AdminPage<ChannelView>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(AdminPage<OnlineUserView>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<WebhookEndpointView>))]
internal sealed partial class AdminJson : System.Text.Json.Serialization.JsonSerializerContext;
