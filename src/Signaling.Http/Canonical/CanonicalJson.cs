using System.Text.Json;
using System.Text.Json.Serialization;
using Signaling.Core.Channels;
using Signaling.Core.Invitations;
using Signaling.Core.Users;
using Signaling.Http.Canonical.Requests;

namespace Signaling.Http.Canonical;

/// <summary>Source-generated JSON for the canonical API's requests and responses.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateInvitationBody))]
[JsonSerializable(typeof(ActionBody))]
[JsonSerializable(typeof(CreateChannelBody))]
[JsonSerializable(typeof(JoinChannelBody))]
[JsonSerializable(typeof(AttributeBody))]
[JsonSerializable(typeof(MessageBody))]
[JsonSerializable(typeof(DevTokenBody))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(MemberResponse))]
[JsonSerializable(typeof(EventCursor))]
[JsonSerializable(typeof(OnlineUsers))]
[JsonSerializable(typeof(ChannelMessageReceipt))]
[JsonSerializable(typeof(InvitationView))]
[JsonSerializable(typeof(ChannelView))]
[JsonSerializable(typeof(Presence))]
[JsonSerializable(typeof(PeerMessageReceipt))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class CanonicalJson : JsonSerializerContext;
