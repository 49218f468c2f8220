using Signaling.Core.Errors;
using Signaling.Core.Events;

namespace Signaling.Core.Channels;

/// <summary>
/// A named place users join (a NIM channel, an Agora channel, the room of a call). Its name is unique while it
/// lives; it ends when closed or when its TTL passes. Members, uids and attributes follow the rules below.
/// </summary>
public sealed class Channel
{
    public required string Id { get; init; }

    public long Version { get; set; }

    public required string Name { get; init; }

    public ChannelType Type { get; init; }

    public string Ext { get; init; } = "";

    public required string Creator { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int MemberLimit { get; init; }

    public bool Closed { get; set; }

    public List<ChannelMember> Members { get; init; } = [];

    public Dictionary<string, string> Attributes { get; init; } = [];

    public bool IsAlive(DateTimeOffset now) => !Closed && ExpiresAt > now;

    public ChannelMember? FindMember(string userId) => Members.Find(m => m.UserId == userId);

    /// <summary>A copy a command may change without touching this one (members are immutable records, shared).</summary>
    public Channel Copy() => new()
    {
        Id = Id, Version = Version, Name = Name, Type = Type, Ext = Ext, Creator = Creator, CreatedAt = CreatedAt,
        ExpiresAt = ExpiresAt, MemberLimit = MemberLimit, Closed = Closed, Members = [.. Members],
        Attributes = new Dictionary<string, string>(Attributes),
    };

    public ChannelView ToView() => new(
        Id, Name, Type, Ext, Creator, CreatedAt, ExpiresAt, MemberLimit, Closed, Members.ToList(),
        new Dictionary<string, string>(Attributes));

    /// <summary>Everyone in the channel except <paramref name="except"/> is told.</summary>
    public List<Notice> TellMembers(EventKind kind, string? except = null) =>
        Members.Where(m => m.UserId != except).Select(m => new Notice(m.UserId, kind)).ToList();

    public Result<ChannelMember> Join(Actor actor, long? uid, DateTimeOffset now)
    {
        if (FindMember(actor.UserId) is { } existing)
        {
            return existing.DeviceId == actor.DeviceId
                ? new SignalingError(SignalingErrorCode.AlreadyInChannel, "You are already in this channel.")
                : new SignalingError(SignalingErrorCode.AlreadyInChannelOnOtherDevice, "You are in this channel from another device.");
        }

        if (Members.Count >= MemberLimit)
        {
            return new SignalingError(SignalingErrorCode.ChannelFull, $"The channel is full ({MemberLimit} members).");
        }

        if (uid is > 0 && Members.Exists(m => m.Uid == uid))
        {
            return new SignalingError(SignalingErrorCode.UidConflict, $"uid {uid} is taken in this channel.", "uid");
        }

        var member = new ChannelMember(actor.UserId, actor.DeviceId, uid is > 0 ? uid.Value : FreeUid(), now, ExpiresAt);
        Members.Add(member);
        return member;
    }

    public Result<ChannelMember> Leave(Actor actor)
    {
        var member = FindMember(actor.UserId);
        if (member is null)
        {
            return new SignalingError(SignalingErrorCode.NotInChannel, "You are not in this channel.");
        }

        Members.Remove(member);
        return member;
    }

    /// <summary>The creator or a member may close the channel; everyone in it is told.</summary>
    /// <summary>Its creator or a member closes it, or an operator (<see cref="Actor.Server"/>).</summary>
    public Result<List<Notice>> Close(Actor actor)
    {
        if (actor != Actor.Server && actor.UserId != Creator && FindMember(actor.UserId) is null)
        {
            return new SignalingError(SignalingErrorCode.NotInChannel, "Only the creator or a member may close the channel.");
        }

        var notices = TellMembers(EventKind.ChannelClosed);
        Closed = true;
        return notices;
    }

    /// <summary>Members change attributes and send messages; the creator may too.</summary>
    public SignalingError? CheckMember(Actor actor) =>
        actor.UserId == Creator || FindMember(actor.UserId) is not null
            ? null
            : new SignalingError(SignalingErrorCode.NotInChannel, "You are not in this channel.");

    /// <summary>Who may invite into the channel (NIM's rule): its creator or a member, someone not yet in it, while there is room.</summary>
    public SignalingError? CheckInvite(Actor actor, string invitee)
    {
        if (CheckMember(actor) is { } notMember)
        {
            return notMember;
        }

        if (FindMember(invitee) is not null)
        {
            return new SignalingError(SignalingErrorCode.AlreadyInChannel, $"{invitee} is already in this channel.");
        }

        return Members.Count >= MemberLimit ? new SignalingError(SignalingErrorCode.ChannelFull, $"The channel is full ({MemberLimit} members).") : null;
    }

    /// <summary>The creator removes a member; everyone in the channel, the removed member included, is told.</summary>
    public Result<ChannelMember> Kick(Actor actor, string userId)
    {
        if (actor.UserId != Creator)
        {
            return SignalingError.Denied("Only the channel's creator may remove a member.");
        }

        var member = FindMember(userId);
        if (member is null)
        {
            return new SignalingError(SignalingErrorCode.NotInChannel, $"{userId} is not in this channel.");
        }

        Members.Remove(member);
        return member;
    }

    /// <summary>Extends the channel, and everyone in it, to <paramref name="expiresAt"/>.</summary>
    public void Extend(DateTimeOffset expiresAt)
    {
        ExpiresAt = expiresAt;
        for (var i = 0; i < Members.Count; i++)
        {
            Members[i] = Members[i] with { ExpiresAt = expiresAt };
        }
    }

    private long FreeUid()
    {
        // Small positive numbers, unique in the channel: easy to read in logs and safe for 32-bit RTC SDKs.
        long candidate = Members.Count + 1;
        while (Members.Exists(m => m.Uid == candidate))
        {
            candidate++;
        }

        return candidate;
    }
}
