using FluentValidation;
using Signaling.Adapters.OpenIM.Requests;
using Signaling.Http.Validation;

namespace Signaling.Adapters.OpenIM.Validators;

public sealed class UserTokenRequestValidator : AbstractValidator<UserTokenRequest>
{
    public UserTokenRequestValidator()
    {
        RuleFor(x => x.UserID).RequiredId();
        RuleFor(x => x.Platform).Must(p => p is { } id && Platforms.IsKnown(id)).WithMessage("'platform' is an OpenIM platform id (1–10).");
    }
}

public sealed class GetUserTokenRequestValidator : AbstractValidator<GetUserTokenRequest>
{
    public GetUserTokenRequestValidator()
    {
        RuleFor(x => x.UserID).RequiredId();
        RuleFor(x => x.PlatformID).Must(p => p is { } id && Platforms.IsKnown(id)).WithMessage("'platformID' is an OpenIM platform id (1–10).");
    }
}
