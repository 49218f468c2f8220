using FluentValidation;
using Signaling.Core;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Validation;

namespace Signaling.Http.Canonical.Validators;

public sealed class CreateChannelBodyValidator : AbstractValidator<CreateChannelBody>
{
    public CreateChannelBodyValidator()
    {
        RuleFor(x => x.Name).ValidId();
        RuleFor(x => x.Ext).MaxBytes(Limits.MaxExtBytes);
        RuleFor(x => x.TtlSeconds).InclusiveBetween(1, 7 * 86_400).When(x => x.TtlSeconds is not null);
        RuleFor(x => x.MemberLimit).InclusiveBetween(1, 10_000).When(x => x.MemberLimit is not null);
    }
}
