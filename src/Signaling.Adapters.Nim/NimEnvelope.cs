using Microsoft.AspNetCore.Http;

namespace Signaling.Adapters.Nim;

/// <summary>The client envelope: <c>{code: 200, data}</c>, or <c>{code, message}</c> with NIM's code (reference A.5).</summary>
public sealed record NimEnvelope<T>(int Code, string? Message, T? Data);

/// <summary>The server API's envelope: <c>{code: 200, data}</c> or <c>{code, desc}</c> (reference A.6).</summary>
public sealed record NimServerEnvelope<T>(int Code, string? Desc, T? Data);

public static class NimEnvelope
{
    public const int Ok = 200;

    public static IResult Success<T>(T data) => TypedResults.Json(new NimEnvelope<T>(Ok, null, data), NimJson.Wire);

    /// <summary>
    /// A "success with a note" (10201: the invitee is offline) carries the data too, since NIM's call kits go on as on 200.
    /// Business errors answer HTTP 200, as NIM does; unreadable requests 400 and bad credentials 401.
    /// </summary>
    public static IResult Fail<T>(int code, string message, T? data, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(new NimEnvelope<T>(code, NimErrorMap.Message(code, message), data), NimJson.Wire, statusCode: status);

    public static IResult Fail(int code, string message, int status = StatusCodes.Status200OK) => Fail<object>(code, message, null, status);

    public static IResult ServerSuccess<T>(T data) => TypedResults.Json(new NimServerEnvelope<T>(Ok, null, data), NimJson.Wire);

    public static IResult ServerFail(int code, string desc, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(new NimServerEnvelope<object>(code, desc, null), NimJson.Wire, statusCode: status);
}
