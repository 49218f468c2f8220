using FluentValidation;
using Signaling.Adapters.Tencent.Requests;
using Signaling.Core;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Tencent.Validators;

public sealed class InviteRequestValidator : AbstractValidator<InviteRequest>
{
    public InviteRequestValidator()
    {
        RuleFor(x => x.InviteeOrUserID).RequiredId().OverridePropertyName("invitee");
        RuleFor(x => x.Data).MaxBytes(Limits.MaxDataBytes);
        RuleFor(x => x.Timeout).GreaterThanOrEqualTo(0).When(x => x.Timeout is not null);
        RuleFor(x => x.OfflinePushInfo!.Ext).MaxBytes(Limits.MaxExtBytes).When(x => x.OfflinePushInfo is not null);
    }
}
