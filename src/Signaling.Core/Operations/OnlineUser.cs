using Signaling.Core.Ports;
using Signaling.Core.Users;

namespace Signaling.Core.Operations;

/// <summary>A user with at least one open stream: their login sessions by scheme and their streams.</summary>
public sealed record OnlineUser(string UserId, IReadOnlyDictionary<string, LoginSession> Sessions, IReadOnlyList<LiveConnection> Streams);
