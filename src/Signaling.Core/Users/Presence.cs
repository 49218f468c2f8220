namespace Signaling.Core.Users;

/// <summary>A user is online while at least one live event-stream connection of theirs exists on some node.</summary>
public sealed record Presence(string UserId, bool Online, int Connections);
