using Microsoft.AspNetCore.Http;
using Signaling.Adapters.Agora.Requests;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Users;

namespace Signaling.Adapters.Agora;

/// <summary>
/// invoke's <c>io.agora.signal.*</c> functions (reference B.3), answered with the shapes the SDK's onInvokeRet carried:
/// user_query_user_status {status}, user_get_attr {value}, user_get_attr_all {json}, channel_query_num {num},
/// channel_query_user_isin {isin}, channel_query_userlist {num, list}; the setters answer {}.
/// </summary>
public sealed class AgoraInvoke(UserService users, ChannelService channels, AgoraChannels agora)
{
    public async Task<IResult> RunAsync(Actor actor, InvokeParams p, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(p.Func))
        {
            return AgoraEndpoints.Missing(("func", null))!;
        }

        return p.ShortName switch
        {
            "user_query_user_status" => Required(p, "account") ?? Ok(new() { ["status"] = (await users.GetPresenceAsync(p.Arg("account")!, ct)).Online ? 1 : 0 }),
            "user_set_attr" => Required(p, "name") ?? AgoraEndpoints.Reply(await users.SetAttributeAsync(actor, p.Arg("name")!, NullIfEmpty(p.Arg("value")), ct)),
            "user_get_attr" => Required(p, "account", "name")
                               ?? Ok(new() { ["value"] = (await users.GetAttributesAsync(p.Arg("account")!, ct)).GetValueOrDefault(p.Arg("name")!) ?? "" }),
            "user_get_attr_all" => Required(p, "account") ?? Ok(new()
            {
                ["json"] = System.Text.Json.JsonSerializer.Serialize((await users.GetAttributesAsync(p.Arg("account")!, ct)).ToDictionary(), AgoraJson.Default.DictionaryStringString),
            }),
            "channel_query_num" => Required(p, "name") ?? Ok(new() { ["num"] = (await agora.FindAsync(p.Arg("name")!, ct))?.Members.Count ?? 0 }),
            "channel_query_user_isin" => Required(p, "name", "account")
                                         ?? Ok(new() { ["isin"] = (await agora.FindAsync(p.Arg("name")!, ct))?.FindMember(p.Arg("account")!) is null ? 0 : 1 }),
            "channel_query_userlist" => Required(p, "name") ?? UserList(await agora.FindAsync(p.Arg("name")!, ct)),
            "channel_set_attr" => Required(p, "channel", "name")
                                  ?? await OnChannelAsync(p, id => channels.SetAttributeAsync(actor, id, p.Arg("name")!, p.Arg("value") ?? "", ct), ct),
            "channel_del_attr" => Required(p, "channel", "name") ?? await OnChannelAsync(p, id => channels.DeleteAttributeAsync(actor, id, p.Arg("name")!, ct), ct),
            "channel_clear_attr" => Required(p, "channel") ?? await OnChannelAsync(p, id => channels.ClearAttributesAsync(actor, id, ct), ct),
            _ => AgoraEnvelope.Fail(AgoraErrorMap.WrongParam, $"'{p.Func}' is not an io.agora.signal function this gateway serves.", StatusCodes.Status400BadRequest),
        };
    }

    private async Task<IResult> OnChannelAsync(InvokeParams p, Func<string, Task<Result<Channel>>> change, CancellationToken ct)
    {
        var channel = await agora.FindRequiredAsync(p.Arg("channel")!, ct);
        return channel.IsSuccess ? AgoraEndpoints.Reply(await change(channel.Value.Id)) : AgoraEndpoints.Fail(channel.Error);
    }

    private static IResult UserList(Channel? channel)
    {
        var members = channel?.Members ?? [];
        return Ok(new() { ["num"] = members.Count, ["list"] = members.Select(m => new object[] { m.UserId, 0 }).ToList() });
    }

    /// <summary>The function's required string arguments: the first missing one answers 1004 naming it.</summary>
    private static IResult? Required(InvokeParams p, params string[] names) =>
        AgoraEndpoints.Missing(names.Select(n => ($"args.{n}", (object?)p.Arg(n))).ToArray());

    private static IResult Ok(Dictionary<string, object> result) => AgoraEnvelope.Ok(result);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
