using FluentValidation;
using Signaling.Core;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Validation;

namespace Signaling.Http.Canonical.Validators;

public sealed class MessageBodyValidator : AbstractValidator<MessageBody>
{
    public MessageBodyValidator() => RuleFor(x => x.Message).NotEmpty().WithMessage("'message' is required.").MaxBytes(Limits.MaxDataBytes);
}
