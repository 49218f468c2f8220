using FluentValidation;
using Signaling.Core;

namespace Signaling.Http.Validation;

/// <summary>Rules every surface's validators share, so limits are stated once (in <see cref="Limits"/>).</summary>
public static class ValidatorExtensions
{
    public static IRuleBuilderOptions<T, string?> ValidId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(id => id is null || id.Length == 0 || Limits.IsValidId(id))
            .WithMessage($"'{{PropertyName}}' must be 1–{Limits.MaxIdLength} visible ASCII characters without spaces.");

    public static IRuleBuilderOptions<T, string?> RequiredId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("'{PropertyName}' is required.").ValidId();

    public static IRuleBuilderOptions<T, string?> MaxBytes<T>(this IRuleBuilder<T, string?> rule, int maxBytes) =>
        rule.Must(text => Limits.Utf8Bytes(text) <= maxBytes)
            .WithMessage($"'{{PropertyName}}' is larger than {maxBytes} bytes.")
            .WithErrorCode(ValidationFilter.PayloadTooLarge);
}
