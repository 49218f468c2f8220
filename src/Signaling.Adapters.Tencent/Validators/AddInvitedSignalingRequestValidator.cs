using FluentValidation;
using Signaling.Adapters.Tencent.Requests;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Tencent.Validators;

public sealed class AddInvitedSignalingRequestValidator : AbstractValidator<AddInvitedSignalingRequest>
{
    public AddInvitedSignalingRequestValidator()
    {
        RuleFor(x => x.Info).NotNull().WithMessage("'info' is required.");
        RuleFor(x => x.Info!.InviteID).RequiredId().When(x => x.Info is not null).OverridePropertyName("info.inviteID");

        // The SDK refuses an incomplete info with 6017 (audit T-9, TA addInvitedSignaling): inviter and invitees too.
        RuleFor(x => x.Info!.Inviter).RequiredId().When(x => x.Info is not null).OverridePropertyName("info.inviter");
        RuleFor(x => x.Info!.InviteeList).NotEmpty().When(x => x.Info is not null).OverridePropertyName("info.inviteeList")
            .WithMessage("'info.inviteeList' is required.");
    }
}
