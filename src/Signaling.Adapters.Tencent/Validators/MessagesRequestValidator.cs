using FluentValidation;
using Signaling.Adapters.Tencent.Requests;

namespace Signaling.Adapters.Tencent.Validators;

public sealed class MessagesRequestValidator : AbstractValidator<MessagesRequest>
{
    public MessagesRequestValidator()
    {
        RuleFor(x => x.After).GreaterThanOrEqualTo(0).When(x => x.After is not null);
        RuleFor(x => x.Count).InclusiveBetween(1, 100).When(x => x.Count is not null);
    }
}
