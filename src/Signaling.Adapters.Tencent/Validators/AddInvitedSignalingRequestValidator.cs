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
    }
}
