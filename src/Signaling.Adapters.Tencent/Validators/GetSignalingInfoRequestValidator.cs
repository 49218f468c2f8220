using FluentValidation;
using Signaling.Adapters.Tencent.Requests;

namespace Signaling.Adapters.Tencent.Validators;

public sealed class GetSignalingInfoRequestValidator : AbstractValidator<GetSignalingInfoRequest>
{
    public GetSignalingInfoRequestValidator() => RuleFor(x => x.MsgID).NotEmpty().WithMessage("'msgID' is required.");
}
