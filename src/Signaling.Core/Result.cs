using System.Diagnostics.CodeAnalysis;
using Signaling.Core.Errors;

namespace Signaling.Core;

/// <summary>The outcome of a command: a value, or an expected failure. Exceptions are for bugs and outages only.</summary>
public readonly struct Result<T>
{
    private Result(T? value, SignalingError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public SignalingError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(SignalingError error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(SignalingError error) => Fail(error);
}
