using FluentValidation;
using Signaling.Core;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Validation;

namespace Signaling.Http.Canonical.Validators;

public sealed class JoinChannelBodyValidator : AbstractValidator<JoinChannelBody>
{
    public JoinChannelBodyValidator()
    {
        RuleFor(x => x.Uid).GreaterThanOrEqualTo(0).When(x => x.Uid is not null);
        RuleFor(x => x.Data).MaxBytes(Limits.MaxDataBytes);
    }
}
