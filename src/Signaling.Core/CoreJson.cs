using System.Text.Json;
using System.Text.Json.Serialization;
using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Users;

namespace Signaling.Core;

/// <summary>
/// Source-generated JSON for everything the core stores and streams: no reflection on the hot path.
/// Storage providers persist aggregates and events with it; the canonical API streams events with it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Invitation))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(SignalingEvent))]
public sealed partial class CoreJson : JsonSerializerContext;
