using System.Collections.Concurrent;
using CsCheck;
using Signaling.Core.Events;
using Signaling.Core.Invitations;

namespace Signaling.Core.Tests;

/// <summary>
/// Property-based races over the canonical rules (issue #11): a 1:1 or group invitation, then a random set of invite
/// answers (bob on two devices, carol), cancels, hang-ups, modifies, reads and timeouts, all run at once against the
/// real SQLite store. Checked against a small model of the rules: one outcome per invitee, exactly one ringing-ending
/// event on every device of an invitee that did not answer itself, the inviter told each invitee's outcome once, and
/// every read agreeing with the winner. RACE_CASES sets the number of cases (500 by default).
/// </summary>
public sealed class InvitationRaceTests : IAsyncLifetime
{
    private readonly CoreHarness _core = new();
    private int _case;

    public enum Op { AcceptBobPhone, AcceptBobTablet, RejectBobPhone, AcceptCarol, RejectCarol, Cancel, HangUpAlice, HangUpBob, HangUpCarol, Modify, TimeOut, Read }

    public sealed record Scenario(bool Group, bool WithTimeout, Op[] Ops)
    {
        public override string ToString() => $"{(Group ? "group" : "1:1")}{(WithTimeout ? ", 30 s timeout" : "")}: {string.Join(", ", Ops)}";
    }

    public Task InitializeAsync() => _core.InitializeAsync();

    public Task DisposeAsync() => _core.DisposeAsync();

    [Fact]
    public async Task RandomInterleavings_KeepOneOutcomePerInvitee_OneEndingEventPerDevice_AndReadsAgree()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("RACE_CASES"), out var n) ? n : 500;
        var scenarios = Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[0, Enum.GetValues<Op>().Length - 1].Select(i => (Op)i).Array[1, 8])
            .Select((group, timeout, ops) => new Scenario(group, timeout, ops));
        await scenarios.SampleAsync(RunAsync, iter: cases, threads: 1);
    }

    private async Task RunAsync(Scenario scenario)
    {
        var suffix = Interlocked.Increment(ref _case).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (alice, bob, carol) = ("alice" + suffix, "bob" + suffix, "carol" + suffix);
        var invitees = scenario.Group ? new[] { bob, carol } : [bob];
        var invitation = await _core.InviteAsync(alice, invitees, scenario.WithTimeout ? 30 : 0, "desk");

        var successes = new ConcurrentBag<Op>();
        var seen = new ConcurrentBag<Invitation>();
        var advanced = 0;
        await Task.WhenAll(scenario.Ops.Select(op => Task.Run(async () =>
        {
            if (op == Op.TimeOut)
            {
                if (scenario.WithTimeout && Interlocked.Exchange(ref advanced, 1) == 0)
                {
                    _core.Clock.Advance(TimeSpan.FromSeconds(31));
                }

                await _core.Timeouts.FireDueAsync(CancellationToken.None);
                return;
            }

            var result = await Execute(op, invitation.Id, alice, bob, carol);
            if (result.IsSuccess)
            {
                successes.Add(op);
                seen.Add(result.Value);
            }
        })));

        var final = (await _core.Invitations.GetAsync(new Actor(alice), invitation.Id)).Value!;
        var why = scenario.ToString();
        foreach (var invitee in final.Invitees)
        {
            var user = invitee.UserId;
            var accepts = successes.Count(op => user == bob ? op is Op.AcceptBobPhone or Op.AcceptBobTablet : op == Op.AcceptCarol);
            var rejects = successes.Count(op => user == bob ? op == Op.RejectBobPhone : op == Op.RejectCarol);
            Assert.True(accepts + rejects <= 1, $"{user} answered {accepts + rejects} times ({why})");

            // One outcome per invitee, and the one its winner was told.
            var expected = invitee.State switch
            {
                InviteeState.Accepted => accepts == 1,
                InviteeState.Rejected => rejects == 1,
                InviteeState.Cancelled => accepts + rejects == 0 && successes.Any(op => op is Op.Cancel or Op.HangUpAlice or Op.HangUpBob or Op.HangUpCarol),
                InviteeState.TimedOut => accepts + rejects == 0 && advanced == 1,
                _ => accepts + rejects == 0 && advanced == 0 && !successes.Contains(Op.Cancel),
            };
            Assert.True(expected, $"{user} ended {invitee.State} after {string.Join(", ", successes)} ({why})");

            // Every read taken during the race that showed an outcome shows the final one.
            foreach (var read in seen.Select(s => s.FindInvitee(user)!.State).Where(s => s != InviteeState.Pending))
            {
                Assert.True(read == invitee.State, $"a read showed {user} {read}, the final state is {invitee.State} ({why})");
            }

            var devices = user == bob ? new[] { "phone", "tablet" } : ["laptop"];
            var events = (await _core.EventsOf(user)).Where(e => e.InvitationId == invitation.Id).ToList();
            foreach (var device in devices)
            {
                var endings = events.Count(e => e.IsVisibleOn(device) && e.Kind switch
                {
                    EventKind.AnsweredElsewhere or EventKind.InvitationTimedOut => e.Users?.Contains(user) == true,
                    EventKind.InvitationCancelled => true,
                    EventKind.CallEnded => invitee.State == InviteeState.Cancelled,
                    _ => false,
                });
                var ownAnswer = invitee.AnsweredOnDevice == device;
                var wanted = invitee.State == InviteeState.Pending || ownAnswer ? 0 : 1;
                Assert.True(endings == wanted, $"{user}'s {device} got {endings} ending events, expected {wanted} ({invitee.State}; {why})");
            }

            if (invitee.State is InviteeState.Accepted or InviteeState.Rejected or InviteeState.TimedOut)
            {
                var told = (await _core.EventsOf(alice)).Count(e => e.InvitationId == invitation.Id && e.IsVisibleOn("desk")
                    && e.Kind is EventKind.InviteeAccepted or EventKind.InviteeRejected or EventKind.InvitationTimedOut && e.Users?.Contains(user) == true);
                Assert.True(told == 1, $"alice was told {told} times of {user}'s {invitee.State} ({why})");
            }
        }

        Assert.True(successes.Count(op => op is Op.HangUpAlice or Op.HangUpBob or Op.HangUpCarol) <= 1, $"two hang-ups succeeded ({why})");
        Assert.True(successes.Count(op => op == Op.Cancel) <= 1, $"two cancels succeeded ({why})");
    }

    private Task<Result<Invitation>> Execute(Op op, string id, string alice, string bob, string carol) => op switch
    {
        Op.AcceptBobPhone => _core.Invitations.AcceptAsync(new Actor(bob, "phone"), id, ""),
        Op.AcceptBobTablet => _core.Invitations.AcceptAsync(new Actor(bob, "tablet"), id, ""),
        Op.RejectBobPhone => _core.Invitations.RejectAsync(new Actor(bob, "phone"), id, ""),
        Op.AcceptCarol => _core.Invitations.AcceptAsync(new Actor(carol, "laptop"), id, ""),
        Op.RejectCarol => _core.Invitations.RejectAsync(new Actor(carol, "laptop"), id, ""),
        Op.Cancel => _core.Invitations.CancelAsync(new Actor(alice, "desk"), id, ""),
        Op.HangUpAlice => _core.Invitations.HangUpAsync(new Actor(alice, "desk"), id, ""),
        Op.HangUpBob => _core.Invitations.HangUpAsync(new Actor(bob, "phone"), id, ""),
        Op.HangUpCarol => _core.Invitations.HangUpAsync(new Actor(carol, "laptop"), id, ""),
        Op.Modify => _core.Invitations.ModifyAsync(new Actor(alice, "desk"), id, "changed"),
        _ => _core.Invitations.GetAsync(new Actor(alice, "desk"), id),
    };
}
