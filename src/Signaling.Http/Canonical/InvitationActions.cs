using System.Collections.Frozen;
using Signaling.Core;
using Signaling.Core.Invitations;

namespace Signaling.Http.Canonical;

/// <summary>
/// The invitation actions by the verb that ends their path (<c>/v1/invitations/{id}/{verb}</c>), for the HTTP
/// endpoints and the event stream's commands alike.
/// </summary>
internal static class InvitationActions
{
    public delegate Task<Result<Invitation>> InvitationAction(InvitationService service, Actor actor, string id, string? data, CancellationToken cancellationToken);

    public static FrozenDictionary<string, (string Name, InvitationAction Run)> ByVerb { get; } = new Dictionary<string, (string, InvitationAction)>
    {
        ["accept"] = ("AcceptInvitation", (service, actor, id, data, ct) => service.AcceptAsync(actor, id, data, ct)),
        ["reject"] = ("RejectInvitation", (service, actor, id, data, ct) => service.RejectAsync(actor, id, data, ct)),
        ["cancel"] = ("CancelInvitation", (service, actor, id, data, ct) => service.CancelAsync(actor, id, data, ct)),
        ["modify"] = ("ModifyInvitation", (service, actor, id, data, ct) => service.ModifyAsync(actor, id, data, ct)),
        ["hangup"] = ("HangUpCall", (service, actor, id, data, ct) => service.HangUpAsync(actor, id, data, ct)),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
