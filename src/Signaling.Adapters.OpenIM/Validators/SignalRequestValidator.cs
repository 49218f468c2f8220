using FluentValidation;
using Signaling.Adapters.OpenIM.Requests;
using Signaling.Core;
using Signaling.Http.Validation;

namespace Signaling.Adapters.OpenIM.Validators;

public sealed class SignalRequestValidator : AbstractValidator<SignalRequest>
{
    public SignalRequestValidator()
    {
        RuleFor(x => x.Resolve()).NotNull().WithMessage("'invitation' is required.").OverridePropertyName("invitation");
        RuleFor(x => x.OpUserID).ValidId();

        // Kept with the invitation as the core's inviter profile (8 KB at most); refused here under the SDK's own name.
        RuleFor(x => x.Participant.HasValue ? x.Participant.Value.GetRawText() : null).MaxBytes(Limits.MaxExtBytes).OverridePropertyName("participant");
        When(x => x.Resolve() is not null, () =>
        {
            RuleForEach(x => x.Resolve()!.InviteeUserIDList).RequiredId().OverridePropertyName("invitation.inviteeUserIDList");
            RuleFor(x => x.Resolve()!.RoomID).ValidId().OverridePropertyName("invitation.roomID");
            RuleFor(x => x.Resolve()!.GroupID).ValidId().OverridePropertyName("invitation.groupID");
            RuleFor(x => x.Resolve()!.CustomData).MaxBytes(Limits.MaxDataBytes).OverridePropertyName("invitation.customData");
            RuleFor(x => x.Resolve()!.Timeout).GreaterThanOrEqualTo(0).When(x => x.Resolve()!.Timeout is not null).OverridePropertyName("invitation.timeout");
            RuleFor(x => x.Resolve()!.MediaType).Must(m => m is null or "" or "audio" or "video")
                .WithMessage("'mediaType' is audio or video.").OverridePropertyName("invitation.mediaType");
        });
    }
}
