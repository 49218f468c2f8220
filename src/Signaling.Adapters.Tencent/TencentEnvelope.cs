using Microsoft.AspNetCore.Http;

namespace Signaling.Adapters.Tencent;

/// <summary>Tencent's SDK result envelope: <c>{code, desc, data}</c>, code 0 for success (reference A.3, A.9).</summary>
public sealed record TencentEnvelope<T>(int Code, string Desc, T? Data);

public static class TencentEnvelope
{
    public static IResult Ok<T>(T data) => TypedResults.Json(new TencentEnvelope<T>(0, "ok", data), TencentJson.Wire);

    /// <summary>A business error answers HTTP 200 like the vendor; malformed requests 400 and bad credentials 401.</summary>
    public static IResult Fail(int code, string desc, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(new TencentEnvelope<object>(code, desc, null), TencentJson.Wire, statusCode: status);
}
