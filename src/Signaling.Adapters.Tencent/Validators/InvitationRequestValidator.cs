using FluentValidation;
using Signaling.Adapters.Tencent.Requests;
using Signaling.Core;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Tencent.Validators;

public sealed class InvitationRequestValidator : AbstractValidator<InvitationRequest>
{
    public InvitationRequestValidator()
    {
        RuleFor(x => x.InviteID).RequiredId();
        RuleFor(x => x.Data).MaxBytes(Limits.MaxDataBytes);
    }
}
