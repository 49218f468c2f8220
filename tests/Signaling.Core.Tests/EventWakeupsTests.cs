using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Core.Tests;

public sealed class EventWakeupsTests
{
    [Fact]
    public void Wake_CompletesEveryReaderWaitingForThatUser_AndNewWaitsWaitForTheNextWake()
    {
        var wakeups = new EventWakeups();
        using var phone = wakeups.Register("bob");
        using var laptop = wakeups.Register("bob");
        var first = wakeups.WaitFor("bob");
        var second = wakeups.WaitFor("bob");

        wakeups.Wake("bob");
        var next = wakeups.WaitFor("bob");

        Assert.True(first.IsCompleted && second.IsCompleted);
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public void Users_AreForgottenWhenTheirLastReaderLeaves()
    {
        var wakeups = new EventWakeups();
        var phone = wakeups.Register("bob");
        var laptop = wakeups.Register("bob");

        phone.Dispose();
        phone.Dispose();
        Assert.Equal(1, wakeups.UsersWatched);
        laptop.Dispose();

        Assert.Equal(0, wakeups.UsersWatched);
        wakeups.Wake("bob"); // Nobody listens: nothing to do, nothing kept.
        Assert.Equal(0, wakeups.UsersWatched);
    }

    [Fact]
    public async Task ConcurrentRegistrations_NeverLoseAReader()
    {
        var wakeups = new EventWakeups();

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => wakeups.Register("bob").Dispose())));
        using var stays = wakeups.Register("bob");
        var waiting = wakeups.WaitFor("bob");
        wakeups.Wake("bob");

        Assert.True(waiting.IsCompleted);
        Assert.Equal(1, wakeups.UsersWatched);
    }

    [Fact]
    public void ACommit_WakesOnlyTheReadersThatWouldShowOneOfItsEvents()
    {
        var wakeups = new EventWakeups();
        using var phone = wakeups.Register("bob", "phone", ownActions: false);
        var phoneWoken = wakeups.WaitFor("bob");

        // Bob placed a call from his phone: his own copy is for his other devices, and his phone's stream would skip it.
        wakeups.Wake([Event("bob", new Actor("bob", "phone")), Event("alice", new Actor("bob", "phone"))]);
        Assert.False(phoneWoken.IsCompleted);

        using var laptop = wakeups.Register("bob", "laptop", ownActions: false);
        wakeups.Wake([Event("bob", new Actor("bob", "phone"))]);
        Assert.True(phoneWoken.IsCompleted); // The laptop shows it, and readers of one user share their wake-ups.
    }

    [Fact]
    public void ACommit_WakesTheActingDevice_WhenItsSurfaceReportsOwnActions_OrTheEventIsMeantForIt()
    {
        var wakeups = new EventWakeups();
        using var agora = wakeups.Register("bob", "phone", ownActions: true);
        var woken = wakeups.WaitFor("bob");
        wakeups.Wake([Event("bob", new Actor("bob", "phone"))]);
        Assert.True(woken.IsCompleted);

        var wakeups2 = new EventWakeups();
        using var phone = wakeups2.Register("bob", "phone", ownActions: false);
        var forPhone = wakeups2.WaitFor("bob");
        wakeups2.Wake([Event("bob", new Actor("bob", "phone")) with { OnlyDevice = "phone" }]);
        Assert.True(forPhone.IsCompleted);
    }

    private static SignalingEvent Event(string recipient, Actor actor) =>
        new() { Recipient = recipient, Kind = EventKind.InvitationSent, Time = DateTimeOffset.UnixEpoch, Actor = actor };
}
