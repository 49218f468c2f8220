using System.Text.Json;
using Signaling.Core.Ports;
using Signaling.Core.Webhooks;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

/// <summary>
/// The webhook outbox in Redis, written by the commit script: per endpoint, a list of waiting messages per user
/// (<c>wh:{endpoint}:q:{user}</c>), the users with a due head message (<c>:due</c>, scored by when), every waiting
/// message by age (<c>:age</c>) and attempt counts (<c>:att</c>). A claim leases a user's head by moving their score to
/// the lease's end, so any node delivers and only one at a time holds a message.
/// </summary>
public sealed class RedisWebhookOutbox(RedisConnection redis) : IWebhookOutbox
{
    /// <summary>A message as its list item: what a deliverer needs besides the endpoint and user.</summary>
    internal static string Item(WebhookMessage m)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", m.Id);
            json.WriteString("t", m.Type);
            json.WriteNumber("c", m.CreatedAt.ToUnixTimeMilliseconds());
            json.WriteString("b", m.Body);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Messages as the scripts' items, one JSON array: endpoint, user, id, created (ms) and the list item, for append_outbox.</summary>
    internal static string Items(IEnumerable<WebhookMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var m in messages)
            {
                json.WriteStartObject();
                json.WriteString("e", m.Endpoint);
                json.WriteString("k", m.OrderKey);
                json.WriteString("id", m.Id);
                json.WriteNumber("c", m.CreatedAt.ToUnixTimeMilliseconds());
                json.WriteString("i", Item(m));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ClaimAsync(string endpoint, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken = default)
    {
        var claimed = (RedisResult[])(await redis.EvaluateAsync(RedisScripts.ClaimWebhooks,
            [redis.Keys.Webhooks(endpoint), RedisSignalingStore.Ms(now), RedisSignalingStore.Ms(leaseUntil), max]))!;
        var entries = new List<OutboxEntry>(claimed.Length / 3);
        for (var i = 0; i < claimed.Length; i += 3)
        {
            var user = (string)claimed[i]!;
            using var item = JsonDocument.Parse((string)claimed[i + 1]!);
            var root = item.RootElement;
            var message = new WebhookMessage(endpoint, root.GetProperty("id").GetString()!, root.GetProperty("t").GetString()!, user,
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("c").GetInt64()), root.GetProperty("b").GetString()!);
            entries.Add(new OutboxEntry(message, int.Parse((string)claimed[i + 2]!, System.Globalization.CultureInfo.InvariantCulture), user));
        }

        return entries.OrderBy(e => e.Message.CreatedAt).ToList();
    }

    public Task CompleteAsync(OutboxEntry entry, CancellationToken cancellationToken = default) => SettleAsync(entry, "done");

    public Task RetryAsync(OutboxEntry entry, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default) =>
        SettleAsync(entry, RedisSignalingStore.Ms(retryAt));

    public async Task<OutboxBacklog> BacklogAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        var age = $"{redis.Keys.Webhooks(endpoint)}:age";
        var count = await redis.RunAsync(db => db.SortedSetLengthAsync(age));
        var oldest = await redis.RunAsync(db => db.SortedSetRangeByRankWithScoresAsync(age, 0, 0));
        return new OutboxBacklog(count, oldest.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)oldest[0].Score));
    }

    private Task SettleAsync(OutboxEntry entry, string how) =>
        redis.EvaluateAsync(RedisScripts.SettleWebhook, [redis.Keys.Webhooks(entry.Message.Endpoint), entry.Message.OrderKey, entry.Message.Id, how]);
}
