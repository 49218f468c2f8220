using FluentValidation;
using Signaling.Adapters.Agora.Requests;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Agora.Validators;

/// <summary>Agora's limits (reference B.6): accounts, channel and attribute names ≤ 128 visible bytes without spaces (1004); messages ≤ 8196 bytes, attribute values ≤ 8096, extra ≤ 8 KB (1005).</summary>
public sealed class AgoraParamsValidator : AbstractValidator<AgoraParams>
{
    public const int MaxMessageBytes = 8196;
    public const int MaxValueBytes = 8096;
    public const int MaxExtraBytes = 8192;

    public AgoraParamsValidator()
    {
        RuleFor(x => x.Peer).ValidId();
        RuleFor(x => x.Account).ValidId();
        RuleFor(x => x.ChannelID).ValidId();
        RuleFor(x => x.MsgID).ValidId();
        RuleFor(x => x.Name).MaximumLength(128);
        RuleFor(x => x.Msg).MaxBytes(MaxMessageBytes);
        RuleFor(x => x.Value).MaxBytes(MaxValueBytes);
        RuleFor(x => x.Extra).MaxBytes(MaxExtraBytes);
        RuleFor(x => x.Dtmf).Matches("^[0-9*#]{1,32}$").WithMessage("'dtmf' is 1–32 of 0-9, * and #.").When(x => x.Dtmf is not null);
    }
}

public sealed class LoginParamsValidator : AbstractValidator<LoginParams>
{
    public LoginParamsValidator()
    {
        RuleFor(x => x.Account).RequiredId();
        RuleFor(x => x.DeviceID).ValidId();
        RuleFor(x => x.Token).MaximumLength(1024);
    }
}
