using Microsoft.AspNetCore.Http;

namespace Signaling.Adapters.Agora;

/// <summary>The answer of every method: <c>{ecode: 0, result?}</c>, or <c>{ecode, reason}</c> with an ecode of reference B.5.</summary>
public sealed record AgoraEnvelope<T>(int Ecode, string? Reason, T? Result) : IAgoraEnvelope
{
    object? IAgoraEnvelope.Result => Result;
}

/// <summary>Any method's answer, whatever its result's type: what the result callbacks are made from.</summary>
public interface IAgoraEnvelope
{
    int Ecode { get; }

    string? Reason { get; }

    object? Result { get; }
}

public static class AgoraEnvelope
{
    public static IResult Ok<T>(T result) => TypedResults.Json(new AgoraEnvelope<T>(0, null, result), AgoraJson.Wire);

    public static IResult Ok() => Ok<object?>(null);

    /// <summary>Business errors answer HTTP 200; unreadable or invalid requests 400 and a missing or ended session 401.</summary>
    public static IResult Fail(int ecode, string reason, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(new AgoraEnvelope<object>(ecode, reason, null), AgoraJson.Wire, statusCode: status);
}
