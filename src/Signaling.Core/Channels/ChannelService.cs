using Microsoft.Extensions.Options;
using Signaling.Core.Errors;
using Signaling.Core.Events;
using Signaling.Core.Ports;

namespace Signaling.Core.Channels;

/// <summary>Channel commands: create, join, leave, close, attributes and channel messages.</summary>
public sealed class ChannelService(ISignalingStore store, TimeProvider clock, IOptions<SignalingOptions> options)
{
    private readonly SignalingOptions _options = options.Value;

    public async Task<Result<Channel>> CreateAsync(Actor creator, CreateChannelRequest request, CancellationToken cancellationToken = default)
    {
        var invalid = Limits.CheckId("name", request.Name, required: false) ?? Limits.CheckData("ext", request.Ext, Limits.MaxExtBytes);
        if (invalid is not null)
        {
            return invalid;
        }

        if (request.TtlSeconds < 0 || request.MemberLimit < 0)
        {
            return SignalingError.Invalid(request.TtlSeconds < 0 ? "ttlSeconds" : "memberLimit", "Must not be negative.");
        }

        return await CommandRunner.RunAsync(store, async () =>
        {
            var now = clock.GetUtcNow();
            var id = Ids.New();
            var name = string.IsNullOrEmpty(request.Name) ? id : request.Name;
            var key = ChannelKeys.Name(name);
            var holder = await store.FindAsync(key, cancellationToken);
            if (holder is not null && await store.GetChannelAsync(holder, cancellationToken) is { } live && live.IsAlive(now))
            {
                return Decision<Channel>.Fail(new SignalingError(SignalingErrorCode.ChannelExists, $"A channel named '{name}' already exists.", "name"));
            }

            var channel = new Channel
            {
                Id = id,
                Name = name,
                Type = request.Type,
                Ext = request.Ext ?? "",
                Creator = creator.UserId,
                CreatedAt = now,
                ExpiresAt = now + (request.TtlSeconds > 0 ? TimeSpan.FromSeconds(request.TtlSeconds) : _options.DefaultChannelTtl),
                MemberLimit = request.MemberLimit > 0 ? request.MemberLimit : _options.DefaultMemberLimit,
            };
            var commit = new Commit();
            commit.Channels.Add(channel);
            commit.Minted.Add(channel.Id);
            commit.Index.Add(new IndexWrite(key, holder, channel.Id));
            return new Decision<Channel>(channel, commit);
        }, cancellationToken);
    }

    /// <summary>A live channel by id; anyone may look it up (NIM's getChannelInfo has no membership rule).</summary>
    public async Task<Result<Channel>> GetAsync(string channelId, CancellationToken cancellationToken = default) =>
        await LoadAliveAsync(channelId, clock.GetUtcNow(), cancellationToken) is { } channel ? channel : SignalingError.ChannelNotFound(channelId);

    public async Task<Result<Channel>> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var id = await store.FindAsync(ChannelKeys.Name(name), cancellationToken);
        return id is null ? SignalingError.ChannelNotFound(name) : await GetAsync(id, cancellationToken);
    }

    /// <summary>The channel the user joined last, while it lives and they are still in it.</summary>
    public async Task<Channel?> FindCurrentAsync(string userId, CancellationToken cancellationToken = default) =>
        await store.FindAsync(ChannelKeys.Current(userId), cancellationToken) is { } id
        && await LoadAliveAsync(id, clock.GetUtcNow(), cancellationToken) is { } channel
        && channel.FindMember(userId) is not null
            ? channel
            : null;

    /// <summary>The live channel if <paramref name="actor"/> may invite <paramref name="invitee"/> into it (see <see cref="Channel.CheckInvite"/>).</summary>
    public async Task<Result<Channel>> CheckInviteAsync(Actor actor, string channelId, string invitee, CancellationToken cancellationToken = default)
    {
        if (await LoadAliveAsync(channelId, clock.GetUtcNow(), cancellationToken) is not { } channel)
        {
            return SignalingError.ChannelNotFound(channelId);
        }

        return channel.CheckInvite(actor, invitee) is { } refused ? refused : channel;
    }

    public Task<Result<ChannelMember>> JoinAsync(Actor actor, string channelId, long? uid, string? data, CancellationToken cancellationToken = default) =>
        ChangeAsync<ChannelMember>(channelId, data, (channel, now) =>
        {
            var joined = channel.Join(actor, uid, now);
            return joined.IsSuccess
                ? new Change<ChannelMember>(joined.Value, channel.TellMembers(EventKind.MemberJoined), joined.Value)
                {
                    Entered = actor.UserId,
                }
                : joined.Error;
        }, actor, cancellationToken);

    public Task<Result<ChannelMember>> LeaveAsync(Actor actor, string channelId, string? data, CancellationToken cancellationToken = default) =>
        ChangeAsync<ChannelMember>(channelId, data, (channel, _) =>
        {
            var left = channel.Leave(actor);
            return left.IsSuccess
                ? new Change<ChannelMember>(left.Value, [.. channel.TellMembers(EventKind.MemberLeft), new Notice(actor.UserId, EventKind.MemberLeft)], left.Value)
                {
                    Departed = actor.UserId,
                }
                : left.Error;
        }, actor, cancellationToken);

    /// <summary>The creator removes <paramref name="userId"/>; the members and the removed user get <see cref="EventKind.MemberLeft"/>.</summary>
    public Task<Result<ChannelMember>> KickAsync(Actor actor, string channelId, string userId, string? data, CancellationToken cancellationToken = default) =>
        ChangeAsync<ChannelMember>(channelId, data, (channel, _) =>
        {
            var kicked = channel.Kick(actor, userId);
            if (!kicked.IsSuccess)
            {
                return kicked.Error;
            }

            var notices = channel.TellMembers(EventKind.MemberLeft);
            notices.Add(new Notice(userId, EventKind.MemberLeft));
            return new Change<ChannelMember>(kicked.Value, notices, kicked.Value) { Departed = userId };
        }, actor, cancellationToken);

    /// <summary>
    /// Anyone may extend a live channel: it, and everyone in it, then lives <paramref name="lifetime"/> (by default the
    /// default channel lifetime) from now.
    /// </summary>
    public Task<Result<Channel>> DelayAsync(Actor actor, string channelId, CancellationToken cancellationToken = default, TimeSpan? lifetime = null) =>
        ChangeAsync<Channel>(channelId, null, (channel, now) =>
        {
            channel.Extend(now + (lifetime ?? _options.DefaultChannelTtl));
            return new Change<Channel>(channel, []);
        }, actor, cancellationToken);

    public Task<Result<Channel>> CloseAsync(Actor actor, string channelId, string? data, CancellationToken cancellationToken = default) =>
        ChangeAsync<Channel>(channelId, data, (channel, _) =>
        {
            var closed = channel.Close(actor);
            return closed.IsSuccess ? new Change<Channel>(channel, closed.Value) : closed.Error;
        }, actor, cancellationToken);

    public Task<Result<Channel>> SetAttributeAsync(Actor actor, string channelId, string name, string value, CancellationToken cancellationToken = default) =>
        AttributeAsync(actor, channelId, name, value, cancellationToken);

    public Task<Result<Channel>> DeleteAttributeAsync(Actor actor, string channelId, string name, CancellationToken cancellationToken = default) =>
        AttributeAsync(actor, channelId, name, null, cancellationToken);

    /// <summary>Removes every attribute; members get one event with no attribute name.</summary>
    public Task<Result<Channel>> ClearAttributesAsync(Actor actor, string channelId, CancellationToken cancellationToken = default) =>
        ChangeAsync<Channel>(channelId, null, (channel, _) =>
        {
            if (channel.CheckMember(actor) is { } notMember)
            {
                return notMember;
            }

            channel.Attributes.Clear();
            return new Change<Channel>(channel, channel.TellMembers(EventKind.ChannelAttributesChanged));
        }, actor, cancellationToken);

    /// <summary>
    /// A message to every other member of the channel, or only to member <paramref name="to"/>. Members and the creator
    /// send; with <paramref name="fromOutside"/> anyone may (NIM's control messages). Nothing is stored in the channel itself.
    /// </summary>
    public async Task<Result<int>> SendMessageAsync(
        Actor actor, string channelId, string message, string? to = null, bool fromOutside = false, CancellationToken cancellationToken = default)
    {
        if (Limits.CheckData("message", message) is { } tooLarge)
        {
            return tooLarge;
        }

        return await CommandRunner.RunAsync(store, async () =>
        {
            var now = clock.GetUtcNow();
            if (await LoadAliveAsync(channelId, now, cancellationToken) is not { } channel)
            {
                return Decision<int>.Fail(SignalingError.ChannelNotFound(channelId));
            }

            if (!fromOutside && channel.CheckMember(actor) is { } notMember)
            {
                return Decision<int>.Fail(notMember);
            }

            if (!string.IsNullOrEmpty(to) && channel.FindMember(to) is null && to != channel.Creator)
            {
                return Decision<int>.Fail(new SignalingError(SignalingErrorCode.NotInChannel, $"{to} is not in this channel.", "to"));
            }

            var notices = string.IsNullOrEmpty(to)
                ? channel.TellMembers(EventKind.ChannelMessage, except: actor.UserId)
                : [new Notice(to, EventKind.ChannelMessage)];
            var commit = new Commit();
            commit.Events.AddRange(Builder(channel, actor, now, message).For(notices));
            return new Decision<int>(notices.Count, commit);
        }, cancellationToken);
    }

    private Task<Result<Channel>> AttributeAsync(Actor actor, string channelId, string name, string? value, CancellationToken cancellationToken)
    {
        if (Limits.CheckAttribute(name, value) is { } invalid)
        {
            return Task.FromResult<Result<Channel>>(invalid);
        }

        return ChangeAsync<Channel>(channelId, null, (channel, _) =>
        {
            if (channel.CheckMember(actor) is { } notMember)
            {
                return notMember;
            }

            if (value is null)
            {
                channel.Attributes.Remove(name);
            }
            else
            {
                channel.Attributes[name] = value;
            }

            return new Change<Channel>(channel, channel.TellMembers(EventKind.ChannelAttributesChanged)) { AttributeName = name, AttributeValue = value };
        }, actor, cancellationToken);
    }

    private async Task<Result<T>> ChangeAsync<T>(
        string channelId, string? data, Func<Channel, DateTimeOffset, Result<Change<T>>> decide, Actor actor, CancellationToken cancellationToken)
    {
        if (Limits.CheckData("data", data) is { } tooLarge)
        {
            return tooLarge;
        }

        return await CommandRunner.RunAsync(store, async () =>
        {
            var now = clock.GetUtcNow();
            if (await LoadAliveAsync(channelId, now, cancellationToken) is not { } channel)
            {
                return Decision<T>.Fail(SignalingError.ChannelNotFound(channelId));
            }

            var change = decide(channel, now);
            if (!change.IsSuccess)
            {
                return Decision<T>.Fail(change.Error);
            }

            var commit = new Commit();
            commit.Channels.Add(channel);
            var builder = Builder(channel, actor, now, data) with
            {
                Member = change.Value.Member,
                AttributeName = change.Value.AttributeName,
                AttributeValue = change.Value.AttributeValue,
            };
            commit.Events.AddRange(builder.For(change.Value.Notices));
            TrackCurrent(change.Value, channel.Id, commit);
            if (channel.Closed)
            {
                commit.Index.Add(new IndexWrite(ChannelKeys.Name(channel.Name), channel.Id, null));
                commit.ExpireScopes[channel.Id] = now + _options.EndedGrace;
            }

            return new Decision<T>(change.Value.Value, commit);
        }, cancellationToken, serializeOn: channelId);
    }

    /// <summary>Keeps each user's "current channel" key in step with joins and departures.</summary>
    private static void TrackCurrent<T>(Change<T> change, string channelId, Commit commit)
    {
        if (change.Entered is { } entered)
        {
            commit.Index.Add(IndexWrite.Replace(ChannelKeys.Current(entered), channelId));
        }

        if (change.Departed is { } departed)
        {
            commit.Index.Add(IndexWrite.RemoveIfHolds(ChannelKeys.Current(departed), channelId));
        }
    }

    /// <summary>The channel, unless it never existed, was closed or has outlived its TTL.</summary>
    private async Task<Channel?> LoadAliveAsync(string channelId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await store.GetChannelAsync(channelId, cancellationToken) is { } channel && channel.IsAlive(now) ? channel : null;

    private EventBuilder Builder(Channel channel, Actor actor, DateTimeOffset now, string? data) =>
        new(actor, now, Durable: false, ExpiresAt: channel.ExpiresAt + _options.EndedGrace)
        {
            ChannelId = channel.Id,
            Channel = channel.ToView(),
            Data = data,
        };

    /// <summary>What a channel decision returns, who to tell, and the member or attribute the events are about.</summary>
    private sealed record Change<T>(T Value, List<Notice> Notices, ChannelMember? Member = null)
    {
        public string? AttributeName { get; init; }

        public string? AttributeValue { get; init; }

        /// <summary>The user who joined: the channel becomes their current one.</summary>
        public string? Entered { get; init; }

        /// <summary>The user who left or was removed.</summary>
        public string? Departed { get; init; }
    }
}
