using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;

namespace Signaling.Storage.Specification;

/// <summary>Commits as the core makes them for a call: the invitation as a command left it, with its step's events.</summary>
public static class CallCommits
{
    /// <summary>Alice rings Bob (request id <c>r1</c>): the invite's commit.</summary>
    public static Commit Ring(DateTimeOffset at, out Invitation invitation, string data = "")
    {
        invitation = new Invitation
        {
            Id = Ids.New(), Inviter = new Actor("alice"), Invitees = [new Invitee { UserId = "bob" }], RoomId = Ids.New(), RequestId = "r1",
            Data = data, CreatedAt = at,
        };
        return Step(invitation, invitation.Inviter, invitation.Ring(at, new HashSet<string>()), at);
    }

    /// <summary>The invitation after <paramref name="actor"/>'s command, with the events its notices make.</summary>
    public static Commit Step(Invitation invitation, Actor actor, IEnumerable<Notice> notices, DateTimeOffset at)
    {
        var commit = new Commit { Invitations = { invitation } };
        commit.Events.AddRange(new EventBuilder(actor, at, Durable: true, ExpiresAt: at.AddDays(7))
        {
            InvitationId = invitation.Id, Invitation = invitation.ToView(), Step = invitation.History.Count,
        }.For(notices));
        return commit;
    }
}
