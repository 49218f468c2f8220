using System.Globalization;
using System.Text;
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
/// The script publishes the recipients, so every node wakes its own readers; this node wakes its readers at once.
/// </summary>
public sealed class RedisSignalingStore(RedisConnection redis, EventWakeups wakeups, SignalingMetrics? metrics = null) : ISignalingStore
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
        var result = (RedisResult[])(await redis.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.Commit, null,
            [redis.Options.KeyPrefix, redis.Options.MaxEventsPerUser, Plan(commit), redis.NodeId])))!;
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

        var aggregate = JsonSerializer.Deserialize((string)fields[1]!, type)!;
        setVersion(aggregate, (long)fields[0]);
        return aggregate;
    }

    /// <summary>The commit as the script's JSON plan (written by hand: no reflection on the hot path).</summary>
    private static string Plan(Commit commit)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("aggs");
            foreach (var i in commit.Invitations)
            {
                Aggregate(json, "invitation", i.Id, i.Version, JsonSerializer.Serialize(i, CoreJson.Default.Invitation));
            }

            foreach (var c in commit.Channels)
            {
                Aggregate(json, "channel", c.Id, c.Version, JsonSerializer.Serialize(c, CoreJson.Default.Channel));
            }

            foreach (var u in commit.Users)
            {
                Aggregate(json, "user", u.Id, u.Version, JsonSerializer.Serialize(u, CoreJson.Default.UserProfile));
            }

            json.WriteEndArray();
            json.WriteStartArray("idx");
            foreach (var write in commit.Index)
            {
                json.WriteStartObject();
                json.WriteString("k", write.Key);
                WriteOptional(json, "e", write.Expected);
                WriteOptional(json, "v", write.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("events");
            foreach (var e in commit.Events)
            {
                json.WriteStartObject();
                json.WriteString("u", e.Recipient);
                json.WriteString("b", JsonSerializer.Serialize(e, CoreJson.Default.SignalingEvent));
                json.WriteString("x", Ms(e.ExpiresAt));
                json.WriteNumber("d", e.Durable ? 1 : 0);
                WriteOptional(json, "s", e.Scope);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("out");
            RedisWebhookOutbox.WriteItems(json, commit.Outbox);
            json.WriteEndArray();
            json.WriteStartArray("sched");
            foreach (var (id, at) in commit.ScheduleTimeouts)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("at", Ms(at));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("cancel");
            commit.CancelTimeouts.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("scopes");
            foreach (var (scope, at) in commit.ExpireScopes)
            {
                json.WriteStartObject();
                json.WriteString("s", scope);
                json.WriteString("at", Ms(at));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Aggregate(Utf8JsonWriter json, string kind, string id, long version, string body)
    {
        json.WriteStartObject();
        json.WriteString("k", $"{kind}:{id}");
        json.WriteNumber("e", version);
        json.WriteString("b", body);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    internal static string Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
