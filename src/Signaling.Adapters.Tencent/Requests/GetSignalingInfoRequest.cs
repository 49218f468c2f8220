namespace Signaling.Adapters.Tencent.Requests;

public sealed record GetSignalingInfoRequest(string? MsgID);
