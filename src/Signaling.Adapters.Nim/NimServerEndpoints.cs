using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Signaling.Adapters.Nim.Auth;
using Signaling.Adapters.Nim.Replies;
using Signaling.Adapters.Nim.Requests;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Errors;
using Signaling.Core.Invitations;
using Signaling.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Signaling.Http.OpenApi;
using Signaling.Http.Validation;

namespace Signaling.Adapters.Nim;

/// <summary>
/// NIM's server API for signaling (reference A.6) at <c>POST /nim/nimserver/...</c>: form-encoded, authenticated by the
/// CheckSum headers, answered <c>{code: 200, data}</c> or <c>{code, desc}</c>. The app server acts for the accid in <c>from</c>.
/// </summary>
public static class NimServerEndpoints
{
    private const int MaxExt = 4096;
    private const string Device = "nimserver";

    public static RouteGroupBuilder MapNimServer(this IEndpointRouteBuilder endpoints, string groupName)
    {
        var group = endpoints.MapSurfaceGroup("/nim/nimserver", new NimServerProblemWriter())
            .WithGroupName(groupName)
            .WithTags("NIM server API")
            .RequireAuthorization(NimCheckSumAuthenticationHandler.Policy)
            .DisableAntiforgery();

        Action(group, "signal/createRoom", new() { ["type"] = "VIDEO", ["from"] = "acc1", ["channelName"] = "call-7f3a" }, "Create a channel for `from` (type AUDIO, VIDEO or CUSTOM)", async (form, http, ct) =>
        {
            var from = form.Id("from");
            var request = new CreateChannelRequest
            {
                Name = form.OptionalId("channelName"), Type = ServerType(form.Text("type", 16), form), Ext = form.Text("ext", MaxExt),
            };
            return Refused(form) ?? Room(await Get<ChannelService>(http).CreateAsync(new Actor(from, Device), request, ct));
        });

        Action(group, "signal/delayRoom", new() { ["channelId"] = "5f0c8a2e9b1d4c7f" }, "Extend a channel to now + 2 hours", async (form, http, ct) =>
        {
            var channelId = form.Id("channelId");
            return Refused(form) ?? Room(await Get<ChannelService>(http).DelayAsync(new Actor(Actor.Server.UserId), channelId, ct));
        });

        Action(group, "signal/closeRoom", new() { ["channelId"] = "5f0c8a2e9b1d4c7f", ["from"] = "acc1" }, "Close a channel as `from`", async (form, http, ct) =>
        {
            var (channelId, from, attachExt) = (form.Id("channelId"), form.Id("from"), form.Text("attachExt", MaxExt));
            return Refused(form) ?? Done(await Get<ChannelService>(http).CloseAsync(new Actor(from, Device), channelId, attachExt, ct));
        });

        Action(group, "signal/getRoomInfo", new() { ["channelId"] = "5f0c8a2e9b1d4c7f" }, "A channel and its members, by channelId or channelName (channelId wins)", async (form, http, ct) =>
        {
            var (channelId, name) = (form.OptionalId("channelId"), form.OptionalId("channelName"));
            if (channelId is null && name is null)
            {
                return Refused(form) ?? NimEnvelope.ServerFail(NimErrorMap.BadParameter, "'channelId' or 'channelName' is required.", StatusCodes.Status400BadRequest);
            }

            var channels = Get<ChannelService>(http);
            return Refused(form) ?? Room(channelId is not null ? await channels.GetAsync(channelId, ct) : await channels.FindByNameAsync(name!, ct));
        });

        Action(group, "signal/ctrlRoom", new() { ["channelId"] = "5f0c8a2e9b1d4c7f", ["from"] = "acc1", ["to"] = "acc2", ["attachExt"] = "{\"cmd\":\"mute\"}" }, "Send a CONTROL command as `from` to `to`, or to the whole channel", async (form, http, ct) =>
        {
            var (channelId, from, to, attachExt) = (form.Id("channelId"), form.Id("from"), form.OptionalId("to"), form.Text("attachExt", MaxExt));
            return Refused(form) ?? Done(await Get<ChannelService>(http).SendMessageAsync(new Actor(from, Device), channelId, attachExt ?? "", to, fromOutside: true, ct));
        });

        Action(group, "signal/invite", new() { ["channelId"] = "5f0c8a2e9b1d4c7f", ["from"] = "acc1", ["to"] = "acc2", ["requestId"] = "req-1", ["isSave"] = "1" }, "Invite `to` into the channel as `from` (isSave: keep it for offline sync)", async (form, http, ct) =>
        {
            var (channelId, from, to, requestId) = (form.Id("channelId"), form.Id("from"), form.Id("to"), form.Id("requestId"));
            var (attachExt, push, save) = (form.Text("attachExt", MaxExt), Push(form), form.Flag("isSave", true));
            if (Refused(form) is { } refused)
            {
                return refused;
            }

            var invited = await Get<NimCalls>(http).InviteAsync(new Actor(from, Device), channelId, to, requestId, save, attachExt, push, ct);
            return !invited.IsSuccess ? Fail(invited.Error)
                : invited.Value == NimEnvelope.Ok ? NimEnvelope.ServerSuccess<object?>(null)
                : NimEnvelope.ServerFail(invited.Value, NimErrorMap.OfflineMessage(invited.Value));
        });

        Action(group, "signal/cancelInvite", new() { ["channelId"] = "5f0c8a2e9b1d4c7f", ["from"] = "acc1", ["to"] = "acc2", ["requestId"] = "req-1" }, "Cancel `from`'s invitation to `to`", async (form, http, ct) =>
        {
            var (channelId, from, to, requestId) = (form.Id("channelId"), form.Id("from"), form.Id("to"), form.Id("requestId"));
            var attachExt = form.Text("attachExt", MaxExt);
            return Refused(form) ?? Done(await Get<NimCalls>(http).CancelAsync(new Actor(from, Device), channelId, to, requestId, attachExt, ct));
        });

        Action(group, "signal/kick", new() { ["channelId"] = "5f0c8a2e9b1d4c7f", ["from"] = "acc1", ["to"] = "acc2" }, "The creator (`from`) removes `to` from the channel", async (form, http, ct) =>
        {
            var (channelId, from, to, attachExt) = (form.Id("channelId"), form.Id("from"), form.Id("to"), form.Text("attachExt", MaxExt));
            return Refused(form) ?? Done(await Get<ChannelService>(http).KickAsync(new Actor(from, Device), channelId, to, attachExt, ct));
        });

        Action(group, "user/create", new() { ["accid"] = "acc2", ["token"] = "a-static-token" }, "Register an accid and its static login token (made up when not given)", async (form, http, ct) =>
        {
            var (accid, token, name) = (form.Id("accid"), form.Text("token", 128), form.Text("name", 64));
            if (Refused(form) is { } refused)
            {
                return refused;
            }

            token = string.IsNullOrEmpty(token) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : token;
            var stored = await Get<UserService>(http).SetCredentialAsync(accid, NimTokens.Scheme, NimTokens.HashStatic(token), ct);
            return stored.IsSuccess ? NimEnvelope.ServerSuccess(new NimUserInfo(accid, token, name)) : Fail(stored.Error);
        });

        return group;
    }

    private delegate Task<IResult> FormAction(NimForm form, HttpContext http, CancellationToken ct);

    private static void Action(RouteGroupBuilder group, string path, Dictionary<string, string> example, string summary, FormAction action) =>
        group.MapPost($"/{path}.action", async (HttpContext http, CancellationToken ct) => await action(await NimForm.ReadAsync(http.Request, ct), http, ct))
            .WithName("NimServer" + string.Concat(path.Split('/').Select(p => char.ToUpperInvariant(p[0]) + p[1..])))
            .WithSummary(summary)
            .WithDescription("Form-encoded; headers AppKey, Nonce, CurTime, CheckSum = sha1(AppSecret + Nonce + CurTime), valid 5 minutes. " +
                             "Answers {code: 200, data} or {code, desc}; 414 for a bad parameter or CheckSum (HTTP 400 / 401).")
            .Accepts<Dictionary<string, string>>("application/x-www-form-urlencoded")
            .Produces<NimServerEnvelope<object>>()
            .Produces<NimServerEnvelope<object>>(StatusCodes.Status400BadRequest)
            .Produces<NimServerEnvelope<object>>(StatusCodes.Status401Unauthorized)
            .WithExample(example, new NimServerEnvelope<object>(NimEnvelope.Ok, null, null));

    private static T Get<T>(HttpContext http) where T : notnull => http.RequestServices.GetRequiredService<T>();

    private static IResult? Refused(NimForm form) =>
        form.Error is { } error ? NimEnvelope.ServerFail(NimErrorMap.BadParameter, error, StatusCodes.Status400BadRequest) : null;

    private static IResult Room(Result<Channel> channel) =>
        channel.IsSuccess ? NimEnvelope.ServerSuccess(NimServerRoom.From(channel.Value.ToView())) : Fail(channel.Error);

    private static IResult Done<T>(Result<T> result) => result.IsSuccess ? NimEnvelope.ServerSuccess<object?>(null) : Fail(result.Error);

    private static IResult Fail(SignalingError error) => NimEnvelope.ServerFail(NimErrorMap.For(error.Code), error.Message);

    private static ChannelType ServerType(string? type, NimForm form) => type switch
    {
        "AUDIO" or "1" => ChannelType.Audio,
        "VIDEO" or "2" => ChannelType.Video,
        "CUSTOM" or "3" or null or "" => ChannelType.Custom,
        _ => InvalidType(form),
    };

    private static ChannelType InvalidType(NimForm form)
    {
        form.Refuse("'type' must be AUDIO, VIDEO or CUSTOM.");
        return ChannelType.Custom;
    }

    private static OfflinePushInfo? Push(NimForm form) =>
        form.Flag("needPush", false)
            ? new OfflinePushInfo(form.Text("pushTitle", 32), form.Text("pushContent", 500), form.Text("pushPayload", MaxExt), form.Flag("needBadge", true) ? 1 : 0)
            : null;
}
