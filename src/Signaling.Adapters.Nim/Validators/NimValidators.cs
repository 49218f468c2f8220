using FluentValidation;
using Signaling.Adapters.Nim.Requests;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Nim.Validators;

/// <summary>NIM's documented limits (reference A.3): names and requestIds ≤ 128 characters, ext and attachExt ≤ 4096, type 1–3.</summary>
internal static class NimLimits
{
    public const int MaxExt = 4096;

    public static IRuleBuilderOptions<T, string?> Ext<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || text.Length <= MaxExt).WithMessage($"'{{PropertyName}}' is longer than {MaxExt} characters.");

    public static IRuleBuilderOptions<T, int?> ChannelType<T>(this IRuleBuilder<T, int?> rule) =>
        rule.Must(type => type is null or >= 1 and <= 3).WithMessage("'type' is 1 (audio), 2 (video) or 3 (custom).");

    public static IRuleBuilderOptions<T, long?> Uid<T>(this IRuleBuilder<T, long?> rule) =>
        rule.Must(uid => uid is null or >= 0).WithMessage("'uid' must not be negative.");
}

public sealed class ChannelParamsValidator : AbstractValidator<ChannelParams>
{
    public ChannelParamsValidator()
    {
        RuleFor(x => x.Type).ChannelType();
        RuleFor(x => x.ChannelName).ValidId();
        RuleFor(x => x.ChannelId).ValidId();
        RuleFor(x => x.Ext).Ext();
        RuleFor(x => x.AttachExt).Ext();
        RuleFor(x => x.Uid).Uid();
    }
}

public sealed class InviteParamsValidator : AbstractValidator<InviteParams>
{
    public InviteParamsValidator()
    {
        RuleFor(x => x.ChannelId).ValidId();
        RuleFor(x => x.Account).ValidId();
        RuleFor(x => x.RequestId).ValidId();
        RuleFor(x => x.AttachExt).Ext();
        RuleFor(x => x.JoinAttachExt).Ext();
        RuleFor(x => x.Type).ChannelType();
        RuleFor(x => x.ChannelName).ValidId();
        RuleFor(x => x.Ext).Ext();
        RuleFor(x => x.Uid).Uid();
        RuleFor(x => x.Push!.PushTitle).MaximumLength(32).OverridePropertyName("pushTitle").When(x => x.Push is not null);
        RuleFor(x => x.Push!.PushContent).MaximumLength(500).OverridePropertyName("pushContent").When(x => x.Push is not null);
        RuleFor(x => x.Push!.PushPayload).Ext().OverridePropertyName("pushPayload").When(x => x.Push is not null);
    }
}

public sealed class ControlParamsValidator : AbstractValidator<ControlParams>
{
    public ControlParamsValidator()
    {
        RuleFor(x => x.ChannelId).ValidId();
        RuleFor(x => x.Account).ValidId();
        RuleFor(x => x.AttachExt).Ext();
    }
}
