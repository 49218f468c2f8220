namespace Signaling.Adapters.Tencent.Requests;

public sealed record AddInvitedSignalingRequest(V2TimSignalingInfo? Info);
