using FluentValidation;
using Signaling.Core;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Validation;

namespace Signaling.Http.Canonical.Validators;

public sealed class AttributeBodyValidator : AbstractValidator<AttributeBody>
{
    public AttributeBodyValidator() => RuleFor(x => x.Value).NotNull().WithMessage("'value' is required.").MaxBytes(Limits.MaxExtBytes);
}
