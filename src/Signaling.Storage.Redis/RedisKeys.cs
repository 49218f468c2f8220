namespace Signaling.Storage.Redis;

/// <summary>Every key the provider uses, under one prefix.</summary>
public sealed class RedisKeys(string prefix)
{
    public string Aggregate(string kind, string id) => $"{prefix}agg:{kind}:{id}";

    public string Lookup(string key) => $"{prefix}idx:{key}";

    /// <summary>A user's event log: a Stream whose entry ids are <c>{sequence}-0</c>.</summary>
    public string Log(string userId) => $"{prefix}log:{userId}";

    /// <summary>A user's last sequence number; a counter, so purged sequences are never reused.</summary>
    public string Sequence(string userId) => $"{prefix}seq:{userId}";

    /// <summary>When each event may go: a sorted set of <c>user␊sequence</c> by expiry (ms).</summary>
    public string Expiry => $"{prefix}expiry";

    /// <summary>The non-durable events of an invitation or channel, so its end can shorten their lives.</summary>
    public string Scope(string scope) => $"{prefix}scope:{scope}";

    /// <summary>Due timeouts: invitation ids by due time (ms); a claim moves one forward by its lease.</summary>
    public string Timeouts => $"{prefix}timeouts";

    /// <summary>Every channel id ever created, all scored 0 so it lists in id order.</summary>
    public string Channels => $"{prefix}channels";

    /// <summary>Users with a registered connection (expired ones included until their last is removed), scored 0: id order.</summary>
    public string Online => $"{prefix}online";

    /// <summary>Users in the online index by their latest connection's expiry: where to look for users whose node died.</summary>
    public string PresenceExpiry => $"{prefix}presence-expiry";

    /// <summary>An endpoint's webhook keys start here: <c>:q:{user}</c> lists, <c>:due</c>, <c>:age</c>, <c>:att</c>.</summary>
    public string Webhooks(string endpoint) => $"{prefix}wh:{endpoint}";

    /// <summary>A user's live connections by expiry (ms).</summary>
    public string Presence(string userId) => $"{prefix}presence:{userId}";

    /// <summary>A connection's details, a hash: <c>u</c> user, <c>s</c> surface, <c>t</c> transport, <c>d</c> device, <c>since</c> (ms).</summary>
    public string Connection(string connectionId) => $"{prefix}conn:{connectionId}";

    /// <summary>The pub/sub channel every commit publishes its appended events on (see <see cref="RedisWakeMessage"/>).</summary>
    public string WakeChannel => $"{prefix}wake";
}
