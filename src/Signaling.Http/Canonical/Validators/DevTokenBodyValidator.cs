using FluentValidation;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Validation;

namespace Signaling.Http.Canonical.Validators;

public sealed class DevTokenBodyValidator : AbstractValidator<DevTokenBody>
{
    public DevTokenBodyValidator()
    {
        RuleFor(x => x.UserId).RequiredId();
        RuleFor(x => x.DeviceId).ValidId();
    }
}
