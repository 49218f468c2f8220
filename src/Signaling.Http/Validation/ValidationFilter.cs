using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Signaling.Core;
using Signaling.Core.Errors;

namespace Signaling.Http.Validation;

/// <summary>
/// One endpoint filter for every surface: checks route ids, then runs the FluentValidation validator registered
/// for each argument. A failure answers 400 (or 413 when a size limit was broken) through the surface's own
/// <see cref="IProblemWriter"/> (endpoint metadata), before the handler runs, so nothing is changed.
/// Use: <c>group.WithMetadata(writer).AddEndpointFilterFactory(ValidationFilter.Create)</c>.
/// </summary>
public static class ValidationFilter
{
    public const string PayloadTooLarge = nameof(SignalingErrorCode.PayloadTooLarge);

    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Index: index, ValidatorType: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
            .Where(p => context.ApplicationServices.GetService(p.ValidatorType) is not null)
            .ToArray();

        // Not an async lambda: a request that passes goes on to the handler without a frame of this filter suspended
        // under it (an event stream is one request as long as its connection; each such frame is memory per connection).
        return invocation => Refusal(invocation, validated) is { } refusal ? ValueTask.FromResult<object?>(refusal) : next(invocation);
    }

    /// <summary>The surface's 400 for the first route id or argument that fails its check, or null when all pass.</summary>
    private static IResult? Refusal(EndpointFilterInvocationContext invocation, (int Index, Type ValidatorType)[] validated)
    {
        var services = invocation.HttpContext.RequestServices;
        var problems = invocation.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IProblemWriter>()
            ?? throw new InvalidOperationException("A surface's endpoints need its IProblemWriter as metadata.");
        foreach (var (name, value) in invocation.HttpContext.Request.RouteValues)
        {
            if (value is string id && !Limits.IsValidId(id))
            {
                return problems.Invalid(new Dictionary<string, string[]>
                {
                    [name] = [$"'{name}' must be 1–{Limits.MaxIdLength} visible ASCII characters without spaces."],
                }, SignalingErrorCode.InvalidArgument);
            }
        }

        foreach (var (index, validatorType) in validated)
        {
            // A missing required body never gets here (the framework refuses it); a missing optional one has nothing to check.
            var argument = invocation.Arguments[index];
            if (argument is null)
            {
                continue;
            }

            var validator = (IValidator)services.GetRequiredService(validatorType);
            if (Check(validator, argument) is { } refusal)
            {
                return problems.Invalid(refusal.Errors, refusal.Code);
            }
        }

        return null;
    }

    /// <summary>
    /// Runs <paramref name="validator"/> on <paramref name="argument"/>: null when it passes, else the refusal — the
    /// messages per (camelCase) field and the code (<c>PayloadTooLarge</c> when a size limit was broken). Synchronously:
    /// no rule does I/O, and FluentValidation's async path cost ~2% of a command's CPU in state machines alone
    /// (a rule made async would throw here, in every test that reaches it).
    /// </summary>
    public static (Dictionary<string, string[]> Errors, SignalingErrorCode Code)? Check(IValidator validator, object argument)
    {
        var result = validator.Validate(new ValidationContext<object>(argument));
        if (result.IsValid)
        {
            return null;
        }

        var errors = result.Errors
            .GroupBy(e => CamelCase(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        var code = result.Errors.Exists(e => e.ErrorCode == PayloadTooLarge) ? SignalingErrorCode.PayloadTooLarge : SignalingErrorCode.InvalidArgument;
        return (errors, code);
    }

    private static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) ? "body" : char.ToLowerInvariant(name[0]) + name[1..];
}
