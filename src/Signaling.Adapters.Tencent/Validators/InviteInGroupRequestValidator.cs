using FluentValidation;
using Signaling.Adapters.Tencent.Requests;
using Signaling.Core;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Tencent.Validators;

public sealed class InviteInGroupRequestValidator : AbstractValidator<InviteInGroupRequest>
{
    public InviteInGroupRequestValidator()
    {
        // groupID ≤ 48 bytes and not starting with @TGS# (reference A.11) is Tencent's own rule; the gateway keeps the wider id limit.
        RuleFor(x => x.GroupID).RequiredId();
        RuleFor(x => x.InviteeList).NotEmpty().WithMessage("'inviteeList' must name at least one invitee.");
        RuleForEach(x => x.InviteeList).RequiredId().OverridePropertyName("inviteeList");
        RuleFor(x => x.Data).MaxBytes(Limits.MaxDataBytes);
        RuleFor(x => x.Timeout).GreaterThanOrEqualTo(0).When(x => x.Timeout is not null);
    }
}
