using System.Text.Json;

namespace Signaling.Gateway.Tests.Infrastructure;

public sealed record SseEvent(long Id, string Name, JsonElement Data)
{
    public string? InvitationId => Data.TryGetProperty("invitationId", out var id) ? id.GetString() : null;
}
