using FluentValidation;
using Signaling.Core;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Validation;

namespace Signaling.Http.Canonical.Validators;

public sealed class CreateInvitationBodyValidator : AbstractValidator<CreateInvitationBody>
{
    public CreateInvitationBodyValidator()
    {
        RuleFor(x => x.Invitees).NotEmpty().WithMessage("At least one invitee is required.")
            .Must(list => list is null || list.Count <= Limits.MaxInvitees).WithMessage($"At most {Limits.MaxInvitees} invitees per invitation.");
        RuleForEach(x => x.Invitees).RequiredId().OverridePropertyName("invitees");
        RuleFor(x => x.GroupId).ValidId();
        RuleFor(x => x.RoomId).ValidId();
        RuleFor(x => x.RequestId).ValidId();
        RuleFor(x => x.Data).MaxBytes(Limits.MaxDataBytes);
        // The upper bound is configurable (Signaling:MaxTimeoutSeconds); the core enforces it and names the field.
        RuleFor(x => x.TimeoutSeconds).GreaterThanOrEqualTo(0).WithMessage("'timeoutSeconds' must not be negative.");
        RuleFor(x => x.OfflinePush!.Title).MaxBytes(Limits.MaxNameLength).When(x => x.OfflinePush is not null).OverridePropertyName("offlinePush.title");
        RuleFor(x => x.OfflinePush!.Content).MaxBytes(Limits.MaxExtBytes).When(x => x.OfflinePush is not null).OverridePropertyName("offlinePush.content");
        RuleFor(x => x.OfflinePush!.Payload).MaxBytes(Limits.MaxExtBytes).When(x => x.OfflinePush is not null).OverridePropertyName("offlinePush.payload");
    }
}
