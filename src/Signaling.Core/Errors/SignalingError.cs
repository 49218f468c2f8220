namespace Signaling.Core.Errors;

/// <summary>An expected failure: a canonical code, a sentence for people, and the field at fault when there is one.</summary>
public sealed record SignalingError(SignalingErrorCode Code, string Message, string? Field = null)
{
    public static SignalingError Invalid(string field, string message) => new(SignalingErrorCode.InvalidArgument, message, field);

    public static SignalingError InvitationNotFound(string id) =>
        new(SignalingErrorCode.InvitationNotFound, $"Invitation '{id}' does not exist.");

    public static SignalingError ChannelNotFound(string id) =>
        new(SignalingErrorCode.ChannelNotFound, $"Channel '{id}' does not exist or has ended.");

    public static SignalingError Denied(string message) => new(SignalingErrorCode.PermissionDenied, message);
}
