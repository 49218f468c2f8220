using Signaling.Core.Events;

namespace Signaling.Core.Tests;

/// <summary>
/// What a store answers a live stream from memory: only what it can vouch for. A wrong "nothing newer" would leave a
/// stream waiting with an event unsent, so a gap or a window that starts too late must send the read to the log.
/// </summary>
public sealed class RecentEventsTests
{
    [Fact]
    public void EventsArrivingOutOfOrder_AreReadInSequenceOrder()
    {
        using var recent = new RecentEvents();
        recent.Add(Event("bob", 2));
        recent.Add(Event("bob", 1));
        recent.Add(Event("bob", 3));

        Assert.Equal([1L, 2, 3], recent.TryRead("bob", 0, 10)!.Select(e => e.Sequence));
        Assert.Equal([2L], recent.TryRead("bob", 1, 1)!.Select(e => e.Sequence));
    }

    [Fact]
    public void NothingNewerThanTheNewestHeld_IsAnsweredEmpty_ButAnUnknownUserGoesToTheLog()
    {
        using var recent = new RecentEvents();
        recent.Add(Event("bob", 7));

        Assert.Empty(recent.TryRead("bob", 7, 10)!);
        Assert.Empty(recent.TryRead("bob", 9, 10)!);
        Assert.Null(recent.TryRead("alice", 0, 10));
    }

    [Fact]
    public void AMissingSequence_SendsTheReadToTheLog_OnceTheCursorReachesIt()
    {
        using var recent = new RecentEvents();
        recent.Add(Event("bob", 4));
        recent.Add(Event("bob", 5));
        recent.Add(Event("bob", 7)); // 6 is not here (yet).

        Assert.Equal([5L], recent.TryRead("bob", 4, 10)!.Select(e => e.Sequence));
        Assert.Null(recent.TryRead("bob", 5, 10));
        Assert.Null(recent.TryRead("bob", 2, 10)); // Starts before the window.

        recent.Add(Event("bob", 6));
        Assert.Equal([6L, 7], recent.TryRead("bob", 5, 10)!.Select(e => e.Sequence));
    }

    [Fact]
    public void AFullWindow_DropsTheOldest_AndKeepsAnsweringFromWhereItNowStarts()
    {
        using var recent = new RecentEvents();
        for (var sequence = 1; sequence <= 20; sequence++)
        {
            Assert.True(recent.Add(Event("bob", sequence)));
        }

        Assert.False(recent.Add(Event("bob", 20)));
        Assert.False(recent.Add(Event("bob", 2))); // Older than anything a full window keeps.
        Assert.Null(recent.TryRead("bob", 3, 10));
        Assert.Equal(Enumerable.Range(5, 16).Select(s => (long)s), recent.TryRead("bob", 4, 100)!.Select(e => e.Sequence));
    }

    [Fact]
    public void AddIfKept_NeverStartsAWindow_AndAForgottenUserGoesToTheLog()
    {
        using var recent = new RecentEvents();
        recent.AddIfKept(Event("bob", 1));
        Assert.Null(recent.TryRead("bob", 0, 10));

        recent.Add(Event("bob", 1));
        recent.AddIfKept(Event("bob", 2));
        Assert.True(recent.Contains("bob", 2));
        recent.Forget("bob");

        Assert.Null(recent.TryRead("bob", 2, 10));
        Assert.False(recent.Contains("bob", 2));
    }

    private static SignalingEvent Event(string recipient, long sequence) => new()
    {
        Sequence = sequence, Recipient = recipient, Kind = EventKind.InvitationReceived, Time = DateTimeOffset.UnixEpoch, Actor = new Actor("alice", "phone"),
    };
}
