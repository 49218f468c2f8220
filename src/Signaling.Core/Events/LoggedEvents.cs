using Signaling.Core.Invitations;
using Signaling.Core.Ports;

namespace Signaling.Core.Events;

/// <summary>
/// What an event log keeps of a call's event: the invitation's id and step, not a copy of the invitation, which was
/// most of every event's bytes. The invitation's history keeps what each step left, so a read of the log gives the copy
/// back as it was at that step (<see cref="Invitation.ViewAt"/>). Events held in memory keep their copy throughout.
/// </summary>
public static class LoggedEvents
{
    /// <summary>
    /// The event as a log stores it: without the invitation's copy when <paramref name="commit"/> saves that invitation
    /// with the event's step, so the copy can be restored on read; otherwise whole.
    /// </summary>
    public static SignalingEvent Compact(SignalingEvent e, Commit commit)
    {
        if (e is not { Invitation: not null, InvitationId: { } id, Step: { } step })
        {
            return e;
        }

        foreach (var invitation in commit.Invitations)
        {
            if (invitation.Id == id)
            {
                return invitation.FindStep(step) is { Status: not null, States: not null } ? e with { Invitation = null } : e;
            }
        }

        return e;
    }

    /// <summary>Gives each event read back without its invitation's copy the copy of its step, loading each invitation once.</summary>
    public static async Task<List<SignalingEvent>> RestoreAsync(
        List<SignalingEvent> events, ISignalingStore store, CancellationToken cancellationToken = default)
    {
        Dictionary<string, Invitation?>? loaded = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not { Invitation: null, InvitationId: { } id, Step: { } step })
            {
                continue;
            }

            loaded ??= new Dictionary<string, Invitation?>(StringComparer.Ordinal);
            if (!loaded.TryGetValue(id, out var invitation))
            {
                loaded[id] = invitation = await store.GetInvitationAsync(id, cancellationToken);
            }

            events[i] = events[i] with { Invitation = invitation?.ViewAt(step) };
        }

        return events;
    }
}
