using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Signaling.Core;
using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Core.Users;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>
/// Aggregates as hashes <c>{v: version, b: JSON}</c>, lookup keys as strings, and each commit as one Lua script that
/// compares every version and expected key, then writes everything and appends the events, or writes nothing.
/// The script publishes the appended events, so every node wakes its own readers; this node wakes its readers at once.
/// </summary>
public sealed class RedisSignalingStore(RedisConnection redis, EventWakeups wakeups, RecentEvents recent, SignalingMetrics? metrics = null)
    : ISignalingStore
{
    private readonly RedisKeys _keys = redis.Keys;

    public Task<Invitation?> GetInvitationAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync("invitation", id, CoreJson.Default.Invitation, (a, v) => a.Version = v);

    public Task<Channel?> GetChannelAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync("channel", id, CoreJson.Default.Channel, (a, v) => a.Version = v);

    public Task<UserProfile?> GetUserAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync("user", id, CoreJson.Default.UserProfile, (a, v) => a.Version = v);

    public async Task<string?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        await redis.RunAsync(async db => (string?)await db.StringGetAsync(_keys.Lookup(key)));

    public async Task<IReadOnlyList<string?>> FindManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var values = await redis.RunAsync(db => db.StringGetAsync(keys.Select(k => (RedisKey)_keys.Lookup(k)).ToArray()));
        return values.Select(v => (string?)v).ToList();
    }

    public async Task<CommitResult> CommitAsync(Commit commit, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = (RedisResult[])(await redis.EvaluateAsync(RedisScripts.Commit, Arguments(commit)))!;
        metrics?.Committed("redis", System.Diagnostics.Stopwatch.GetElapsedTime(started), (int)result[0] == 0);
        if ((int)result[0] == 0)
        {
            return CommitResult.Conflicted;
        }

        // Only now does the caller's copy match what is stored.
        commit.Invitations.ForEach(i => i.Version++);
        commit.Channels.ForEach(c => c.Version++);
        commit.Users.ForEach(u => u.Version++);
        var appended = commit.Events.Select((e, i) => e with { Sequence = (long)result[i + 1] }).ToList();
        appended.ForEach(recent.AddIfKept); // Only where the wake subscriber keeps the user's events, which it does in commit order.
        wakeups.Wake(appended);
        if (commit.Outbox.Count > 0)
        {
            wakeups.WakeOutbox();
        }

        return new CommitResult(false, appended);
    }

    public Task<Page<string>> ListChannelsAsync(string? cursor, int limit, CancellationToken cancellationToken = default) =>
        redis.RunAsync(db => db.MembersAfterAsync(_keys.Channels, cursor, limit));

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        await redis.RunAsync(db => db.PingAsync());
        return true;
    }

    private async Task<T?> GetAsync<T>(string kind, string id, JsonTypeInfo<T> type, Action<T, long> setVersion)
        where T : class
    {
        var fields = await redis.RunAsync(db => db.HashGetAsync(_keys.Aggregate(kind, id), ["v", "b"]));
        if (fields[1].IsNull)
        {
            return null;
        }

        var aggregate = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)fields[1]).Span, type)!;
        setVersion(aggregate, (long)fields[0]);
        return aggregate;
    }

    /// <summary>The commit as the script's arguments (see <see cref="RedisScripts.Commit"/> for their order).</summary>
    private RedisValue[] Arguments(Commit commit)
    {
        var args = new List<RedisValue>(32 + 4 * commit.Index.Count + 7 * commit.Events.Count) // a call's step fits without growing
        {
            redis.Options.KeyPrefix,
            redis.Options.MaxEventsPerUser,
            commit.Outbox.Count == 0 ? "" : RedisWebhookOutbox.Items(commit.Outbox),
            commit.Invitations.Count + commit.Channels.Count + commit.Users.Count,
        };
        void Aggregate(string kind, string id, long version, byte[] body) => args.AddRange([$"{kind}:{id}", version, body]);
        commit.Invitations.ForEach(i => Aggregate("invitation", i.Id, i.Version, JsonSerializer.SerializeToUtf8Bytes(i, CoreJson.Default.Invitation)));
        commit.Channels.ForEach(c => Aggregate("channel", c.Id, c.Version, JsonSerializer.SerializeToUtf8Bytes(c, CoreJson.Default.Channel)));
        commit.Users.ForEach(u => Aggregate("user", u.Id, u.Version, JsonSerializer.SerializeToUtf8Bytes(u, CoreJson.Default.UserProfile)));
        args.Add(commit.Index.Count);
        commit.Index.ForEach(w => args.AddRange([w.Key, Condition(w.Condition), w.Expected ?? "", w.Value ?? ""]));
        // A stream keeps a call's event without its invitation's copy (restored on read); the wake message carries the
        // copy instead, once per commit though each party's event shares it.
        args.Add(commit.Events.Count);
        var views = new List<InvitationView>();
        foreach (var e in commit.Events)
        {
            var logged = LoggedEvents.Compact(e, commit);
            RedisValue view = "";
            if (logged.Invitation is null && e.Invitation is { } copy)
            {
                var number = views.FindIndex(v => ReferenceEquals(v, copy)) + 1;
                if (number == 0)
                {
                    views.Add(copy);
                    number = views.Count;
                }

                view = number;
            }

            args.AddRange([e.Recipient, JsonSerializer.SerializeToUtf8Bytes(logged, CoreJson.Default.SignalingEvent), Ms(e.ExpiresAt),
                e.Durable ? 1 : 0, e.Scope ?? "", view]);
        }

        args.Add(views.Count);
        views.ForEach(v => args.Add(JsonSerializer.SerializeToUtf8Bytes(v, CoreJson.Default.InvitationView)));
        args.Add(commit.ScheduleTimeouts.Count);
        foreach (var (id, at) in commit.ScheduleTimeouts)
        {
            args.AddRange([id, Ms(at)]);
        }

        args.Add(commit.CancelTimeouts.Count);
        commit.CancelTimeouts.ForEach(id => args.Add(id));
        args.Add(commit.ExpireScopes.Count);
        foreach (var (scope, at) in commit.ExpireScopes)
        {
            args.AddRange([scope, Ms(at)]);
        }

        return [.. args];
    }

    private static string Condition(IndexCondition condition) => condition switch
    {
        IndexCondition.Any => "any",
        IndexCondition.IfHolds => "if",
        _ => "",
    };

    internal static string Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
