using Microsoft.AspNetCore.Http;
using Signaling.Core.Errors;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Nim;

/// <summary>Refused client requests answer HTTP 400 with NIM's bad-parameter code 414 and a message naming the field.</summary>
public sealed class NimProblemWriter : IProblemWriter
{
    public IResult Invalid(IDictionary<string, string[]> fieldErrors, SignalingErrorCode code) =>
        NimEnvelope.Fail(NimErrorMap.For(code), Describe(fieldErrors), StatusCodes.Status400BadRequest);

    public IResult Unroutable(int status, string message) => NimEnvelope.Fail(NimErrorMap.BadParameter, message, status);

    public IResult Unauthenticated(string message) => NimEnvelope.Fail(NimErrorMap.BadCredentials, message, StatusCodes.Status401Unauthorized);

    internal static string Describe(IDictionary<string, string[]> fieldErrors) => string.Join(" ", fieldErrors.SelectMany(e => e.Value));
}

/// <summary>Refused server-API requests: HTTP 400, <c>{code: 414, desc}</c>.</summary>
public sealed class NimServerProblemWriter : IProblemWriter
{
    public IResult Invalid(IDictionary<string, string[]> fieldErrors, SignalingErrorCode code) =>
        NimEnvelope.ServerFail(NimErrorMap.For(code), NimProblemWriter.Describe(fieldErrors), StatusCodes.Status400BadRequest);

    public IResult Unroutable(int status, string message) => NimEnvelope.ServerFail(NimErrorMap.BadParameter, message, status);

    /// <summary>The server API answers a missing or wrong CheckSum with its bad-parameter code, as NetEase's does.</summary>
    public IResult Unauthenticated(string message) => NimEnvelope.ServerFail(NimErrorMap.BadParameter, message, StatusCodes.Status401Unauthorized);
}
