using System.Reflection;
using System.Text.Json;
using Signaling.Core.Channels;
using Signaling.Core.Invitations;
using Signaling.Core.Users;

namespace Signaling.Core.Tests;

/// <summary>
/// Issue #16: the SQLite store hands each reader a <c>Copy()</c> of the aggregate it keeps instead of decoding the stored
/// JSON again, so a copy must carry everything the JSON does and share nothing a command may change.
/// </summary>
public sealed class AggregateCopyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnInvitationsCopy_CarriesEveryProperty_AndSharesNothingACommandChanges()
    {
        var invitation = new Invitation
        {
            Id = "inv1", Version = 3, Inviter = new Actor("alice", "phone") { Surface = "v1" },
            Invitees = [new Invitee { UserId = "bob", State = InviteeState.Accepted, AnsweredOnDevice = "laptop", AnsweredAt = T0 }],
            Busy = ["carol"], GroupId = "group1", RoomId = "room1", MediaType = MediaType.Video, Data = "data",
            TimeoutSeconds = 30, OnlineUserOnly = true, OfflinePush = new OfflinePushInfo("title"), RequestId = "req1",
            InviterProfile = "{}", Channel = new Channel { Id = "ch1", Name = "room1", Creator = "alice" }.ToView(),
            Status = InvitationStatus.Connected, CreatedAt = T0, ExpiresAt = T0.AddSeconds(30), EndedAt = T0.AddMinutes(1),
            RecordedAt = T0.AddMinutes(1), CallEndsAt = T0.AddHours(1),
            History = [new InvitationStep(1, InvitationAction.Invited, new Actor("alice"), ["bob"], "data", T0)],
        };
        AssertEveryPropertySet(invitation);

        var copy = invitation.Copy();

        AssertSameJson(invitation, copy, CoreJson.Default.Invitation);
        copy.Invitees[0].State = InviteeState.Cancelled;
        copy.Busy.Add("dave");
        copy.History.Add(copy.History[0]);
        Assert.Equal((InviteeState.Accepted, 1, 1), (invitation.Invitees[0].State, invitation.Busy.Count, invitation.History.Count));
    }

    [Fact]
    public void AChannelsCopy_CarriesEveryProperty_AndSharesNothingACommandChanges()
    {
        var channel = new Channel
        {
            Id = "ch1", Version = 2, Name = "room", Type = ChannelType.Video, Ext = "ext", Creator = "alice", CreatedAt = T0,
            ExpiresAt = T0.AddHours(2), MemberLimit = 10, Closed = true,
            Members = [new ChannelMember("alice", "phone", 7, T0, T0.AddHours(2))], Attributes = new() { ["k"] = "v" },
        };
        AssertEveryPropertySet(channel);

        var copy = channel.Copy();

        AssertSameJson(channel, copy, CoreJson.Default.Channel);
        copy.Members.Clear();
        copy.Attributes["k"] = "changed";
        Assert.Equal((1, "v"), (channel.Members.Count, channel.Attributes["k"]));
    }

    [Fact]
    public void AUserProfilesCopy_CarriesEveryProperty_AndSharesNothingACommandChanges()
    {
        var user = new UserProfile
        {
            Id = "alice", Version = 4, Attributes = new() { ["k"] = "v" }, ReadEvents = [5],
            Credentials = new() { ["nim"] = "hash" }, Sessions = new() { ["agora"] = new LoginSession("s1", "alice", "phone", T0) },
        };
        AssertEveryPropertySet(user);

        var copy = user.Copy();

        AssertSameJson(user, copy, CoreJson.Default.UserProfile);
        copy.Attributes.Clear();
        copy.ReadEvents.Add(6);
        copy.Credentials.Clear();
        copy.Sessions.Clear();
        Assert.Equal((1, 1, 1, 1), (user.Attributes.Count, user.ReadEvents.Count, user.Credentials.Count, user.Sessions.Count));
    }

    /// <summary>A property added to an aggregate fails here until the sample sets it, and then until <c>Copy()</c> carries it.</summary>
    private static void AssertEveryPropertySet<T>(T aggregate)
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var value = property.GetValue(aggregate);
            var unset = value is null || value is System.Collections.ICollection { Count: 0 } ||
                        (property.PropertyType.IsValueType && value.Equals(Activator.CreateInstance(property.PropertyType)));
            Assert.False(unset, $"{typeof(T).Name}.{property.Name} is not set in this test's sample");
        }
    }

    private static void AssertSameJson<T>(T original, T copy, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        Assert.NotSame(original, copy);
        Assert.Equal(JsonSerializer.Serialize(original, type), JsonSerializer.Serialize(copy, type));
    }
}
