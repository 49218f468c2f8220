using Signaling.Core.Errors;

namespace Signaling.Core.Invitations;

/// <summary>The core's own checks on a new invitation, whatever surface it came through.</summary>
internal static class InviteValidation
{
    public static SignalingError? Check(Actor inviter, InviteRequest request, SignalingOptions options)
    {
        if (request.Invitees is not { Count: > 0 })
        {
            return SignalingError.Invalid("invitees", "At least one invitee is required.");
        }

        if (request.Invitees.Count > Limits.MaxInvitees)
        {
            return SignalingError.Invalid("invitees", $"At most {Limits.MaxInvitees} invitees per invitation.");
        }

        foreach (var invitee in request.Invitees)
        {
            if (Limits.CheckId("invitees", invitee) is { } error)
            {
                return error;
            }

            if (invitee == inviter.UserId)
            {
                return SignalingError.Invalid("invitees", "You cannot invite yourself.");
            }
        }

        if (request.TimeoutSeconds < 0 || request.TimeoutSeconds > options.MaxTimeoutSeconds)
        {
            return SignalingError.Invalid("timeoutSeconds", $"'timeoutSeconds' must be between 0 and {options.MaxTimeoutSeconds}.");
        }

        return Limits.CheckId("groupId", request.GroupId, required: false)
            ?? Limits.CheckId("roomId", request.RoomId, required: false)
            ?? Limits.CheckId("requestId", request.RequestId, required: false)
            ?? Limits.CheckData("data", request.Data)
            ?? Limits.CheckData("inviterProfile", request.InviterProfile, Limits.MaxExtBytes)
            ?? Limits.CheckData("offlinePush", request.OfflinePush is { } push ? push.Title + push.Content + push.Payload + push.VendorFields : null);
    }
}
