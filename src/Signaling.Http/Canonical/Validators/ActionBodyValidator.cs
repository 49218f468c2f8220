using FluentValidation;
using Signaling.Core;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Validation;

namespace Signaling.Http.Canonical.Validators;

public sealed class ActionBodyValidator : AbstractValidator<ActionBody>
{
    public ActionBodyValidator() => RuleFor(x => x.Data).MaxBytes(Limits.MaxDataBytes);
}
