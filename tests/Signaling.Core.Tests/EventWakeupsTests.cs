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
}
