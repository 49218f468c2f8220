using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Signaling.Adapters.Agora.Requests;
using Signaling.Core.Users;
using Signaling.Http.Identity;

namespace Signaling.Adapters.Agora;

/// <summary>
/// Agora's native SDK learns how a request went from a callback, not from a reply (audit A-1): onMessageSendSuccess /
/// onMessageSendError, onQueryUserStatusResult (status as the String "1"/"0", audit A-4), onChannelQueryUserNumResult,
/// onChannelQueryUserIsIn, onUserAttrResult, onUserAttrAllResult, onInvokeRet, onChannelJoinFailed, and onError for
/// any other refusal. This filter sends the matching callback to the requesting session's stream after the method has
/// answered in the HTTP reply as before. Requests without a session (login) have no stream to tell.
/// </summary>
public static class AgoraResultCallbacks
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next) =>
        async invocation =>
        {
            var answer = await next(invocation);
            var http = invocation.HttpContext;
            if (answer is IValueHttpResult { Value: IAgoraEnvelope envelope } && http.User.Identity?.IsAuthenticated == true
                && Callback(Method(http), invocation.Arguments, envelope) is { } callback)
            {
                await http.RequestServices.GetRequiredService<UserService>().ReportResultAsync(http.User.ToActor(), callback.ToJsonString(), http.RequestAborted);
            }

            return answer;
        };

    /// <summary>The payload a result event carries: the callback's name and its arguments by the SDK's names.</summary>
    public static JsonObject Payload(string callback, JsonObject args) => new() { ["callback"] = callback, ["args"] = args };

    private static string Method(HttpContext http) =>
        (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.Split('/').LastOrDefault() ?? "";

    private static JsonObject? Callback(string method, IList<object?> arguments, IAgoraEnvelope envelope)
    {
        var p = arguments.OfType<AgoraParams>().FirstOrDefault() ?? new AgoraParams();
        var result = envelope.Result as IReadOnlyDictionary<string, object>;
        var failed = envelope.Ecode != 0;
        return method switch
        {
            "messageInstantSend" or "messageInstantSend2" or "messageChannelSend" or "messageChannelSend2" or "messageChannelSendForce" => failed
                ? Payload("onMessageSendError", new JsonObject { ["messageID"] = p.MsgID ?? "", ["ecode"] = envelope.Ecode })
                : Payload("onMessageSendSuccess", new JsonObject { ["messageID"] = p.MsgID ?? "" }),
            "channelJoin" when failed => Payload("onChannelJoinFailed", new JsonObject { ["channelID"] = p.ChannelID, ["ecode"] = envelope.Ecode }),
            "invoke" => Invoke(arguments.OfType<InvokeParams>().FirstOrDefault(), envelope),
            _ when failed => Payload("onError", new JsonObject { ["name"] = method, ["ecode"] = envelope.Ecode, ["desc"] = envelope.Reason ?? "" }),
            "queryUserStatus" => Payload("onQueryUserStatusResult",
                new JsonObject { ["name"] = p.Account, ["status"] = Value(result, "status") == "1" ? "1" : "0" }),
            "channelQueryUserNum" => Payload("onChannelQueryUserNumResult",
                new JsonObject { ["channelID"] = p.ChannelID, ["ecode"] = 0, ["num"] = int.Parse(Value(result, "num") ?? "0", System.Globalization.CultureInfo.InvariantCulture) }),
            "channelQueryUserIsIn" => Payload("onChannelQueryUserIsIn",
                new JsonObject { ["channelID"] = p.ChannelID, ["name"] = p.Account, ["isIn"] = Value(result, "isIn") == "1" ? 1 : 0 }),
            "getAttr" or "getUserAttr" => Payload("onUserAttrResult",
                new JsonObject { ["account"] = Value(result, "account"), ["name"] = Value(result, "name"), ["value"] = Value(result, "value") }),
            "getAttrAll" or "getUserAttrAll" => Payload("onUserAttrAllResult", new JsonObject { ["account"] = Value(result, "account"), ["value"] = Value(result, "json") }),
            _ => null,
        };
    }

    private static JsonObject? Invoke(InvokeParams? p, IAgoraEnvelope envelope) => p is null ? null : Payload("onInvokeRet", new JsonObject
    {
        ["callID"] = p.CallID ?? "",
        ["err"] = envelope.Ecode == 0 ? "" : envelope.Reason ?? envelope.Ecode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["resp"] = envelope.Result is null ? "{}" : JsonSerializer.Serialize(envelope.Result, AgoraJson.Wire),
    });

    private static string? Value(IReadOnlyDictionary<string, object>? result, string name) =>
        result?.GetValueOrDefault(name) is { } value ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
