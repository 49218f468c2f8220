using Microsoft.AspNetCore.Http;

namespace Signaling.Adapters.OpenIM;

/// <summary>OpenIM's REST envelope (reference B.6, v3): <c>{errCode, errMsg, errDlt, data}</c>; errCode 0 is success.</summary>
public sealed record OpenIMEnvelope<T>(int ErrCode, string ErrMsg, string ErrDlt, T? Data);

public static class OpenIMEnvelope
{
    public static IResult Ok<T>(T data) => new EchoOperationId(TypedResults.Json(new OpenIMEnvelope<T>(0, "", "", data), OpenIMJson.Wire));

    /// <summary>A business error answers HTTP 200 like OpenIM's API; malformed requests 400 and token errors 401.</summary>
    public static IResult Fail(int code, string message, int status = StatusCodes.Status200OK) =>
        new EchoOperationId(TypedResults.Json(new OpenIMEnvelope<object>(code, message, "", null), OpenIMJson.Wire, statusCode: status));

    /// <summary>Every OpenIM answer, refusals included, carries back the caller's <c>operationID</c> header so both sides can trace the call.</summary>
    private sealed class EchoOperationId(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (httpContext.Request.Headers["operationID"].FirstOrDefault() is { } operation)
            {
                httpContext.Response.Headers["operationID"] = operation;
            }

            return inner.ExecuteAsync(httpContext);
        }
    }
}
