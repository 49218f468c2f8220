namespace Signaling.Storage.Redis;

/// <summary>
/// The Lua scripts that make each port's multi-key steps atomic on the Redis server (one round trip each).
/// Key names are built in the scripts from the prefix, so they address a single Redis (not Redis Cluster).
/// Each is sent by its SHA1 (EVALSHA), and as text only when the server does not have it (see <see cref="RedisConnection.EvaluateAsync"/>).
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// Appends webhook messages (see <see cref="RedisWebhookOutbox"/>): a user's first waiting message makes them due now;
    /// later ones wait behind it. Each item: e = endpoint, k = user, id, c = created (ms), i = the list item.
    /// </summary>
    private const string AppendOutbox =
        """
        local function append_outbox(p, items)
          for _, m in ipairs(items) do
            local wh = p .. 'wh:' .. m.e
            if redis.call('RPUSH', wh .. ':q:' .. m.k, m.i) == 1 then redis.call('ZADD', wh .. ':due', 0, m.k) end
            redis.call('ZADD', wh .. ':age', m.c, m.id)
          end
        end

        """;

    /// <summary>
    /// A whole commit: check every aggregate version and lookup key, then write aggregates and keys, append events
    /// (assigning sequences), schedule/cancel timeouts, shorten ended scopes, and publish the appended events, so
    /// every node can wake its readers and serve them without reading the streams back (<see cref="RedisWakeMessage"/>).
    /// The plan comes as flat arguments, not one JSON document: decoding JSON (with every body escaped inside it) was
    /// most of the script's time. ARGV: prefix, max events per user, the webhook items (JSON, '' for none), then six
    /// sections, each a count and its items:
    /// aggregates (key, expected version, body), lookup keys (key, condition, expected value, new value; '' = absent /
    /// delete; the condition '' fails the commit unless the key holds the expected value, 'any' writes whatever it holds,
    /// 'if' writes only when it holds the expected value), events (recipient, body, expiry ms, durable 0/1, scope or '',
    /// the number of the invitation copy its body left out, or ''), those copies (each once, though every party's event
    /// has one),
    /// timeouts to schedule (id, due ms), timeouts to cancel (id), scopes to end (scope, at ms). Returns {0} on conflict,
    /// else {1, seq…}.
    /// </summary>
    public static readonly RedisScript Commit = new(AppendOutbox +
        """
        local p = ARGV[1]
        local maxlen = tonumber(ARGV[2])
        -- Each section: its first item's index, its item count, and where the next section starts.
        local function section(at, width)
          local count = tonumber(ARGV[at])
          return at + 1, count, at + 1 + count * width
        end
        local aggs, naggs, n = section(4, 3)
        local idx, nidx, n = section(n, 4)
        local events, nevents, n = section(n, 6)
        local views, nviews, n = section(n, 1)
        local sched, nsched, n = section(n, 2)
        local cancel, ncancel, n = section(n, 1)
        local scopes, nscopes = section(n, 2)
        for a = aggs, aggs + (naggs - 1) * 3, 3 do
          local v = redis.call('HGET', p .. 'agg:' .. ARGV[a], 'v')
          if (tonumber(v) or 0) ~= tonumber(ARGV[a + 1]) then return {0} end
        end
        for i = idx, idx + (nidx - 1) * 4, 4 do
          if ARGV[i + 1] == '' and (redis.call('GET', p .. 'idx:' .. ARGV[i]) or '') ~= ARGV[i + 2] then return {0} end
        end
        for a = aggs, aggs + (naggs - 1) * 3, 3 do
          local expected = tonumber(ARGV[a + 1])
          redis.call('HSET', p .. 'agg:' .. ARGV[a], 'v', expected + 1, 'b', ARGV[a + 2])
          -- New channels join the listing index (all members score 0, so it is ordered by id).
          if expected == 0 and string.sub(ARGV[a], 1, 8) == 'channel:' then redis.call('ZADD', p .. 'channels', 0, string.sub(ARGV[a], 9)) end
        end
        for i = idx, idx + (nidx - 1) * 4, 4 do
          local key = p .. 'idx:' .. ARGV[i]
          if ARGV[i + 1] ~= 'if' or (redis.call('GET', key) or '') == ARGV[i + 2] then
            if ARGV[i + 3] ~= '' then redis.call('SET', key, ARGV[i + 3]) else redis.call('DEL', key) end
          end
        end
        local result = {1}
        local wake = {nviews}
        for v = views, views + nviews - 1 do table.insert(wake, ARGV[v]) end
        local nowms
        for e = events, events + (nevents - 1) * 6, 6 do
          local user, expiry, scope = ARGV[e], ARGV[e + 2], ARGV[e + 4]
          local seq = redis.call('INCR', p .. 'seq:' .. user)
          redis.call('XADD', p .. 'log:' .. user, 'MAXLEN', '~', maxlen, seq .. '-0', 'b', ARGV[e + 1], 'x', expiry, 'd', ARGV[e + 3])
          local member = user .. '\n' .. seq
          redis.call('ZADD', p .. 'expiry', expiry, member)
          if ARGV[e + 3] == '0' and scope ~= '' then
            local key = p .. 'scope:' .. scope
            redis.call('SADD', key, member)
            -- A safety bound only (a scope that never ends goes a day after its last event could): event times may be any clock's.
            nowms = nowms or tonumber(redis.call('TIME')[1]) * 1000
            local bound = math.max(tonumber(expiry), nowms) + 86400000
            if redis.call('PEXPIRETIME', key) < bound then redis.call('PEXPIREAT', key, bound) end
          end
          table.insert(result, seq)
          table.insert(wake, user); table.insert(wake, seq); table.insert(wake, expiry); table.insert(wake, ARGV[e + 3]); table.insert(wake, ARGV[e + 1])
          table.insert(wake, ARGV[e + 5])
        end
        if ARGV[3] ~= '' then append_outbox(p, cjson.decode(ARGV[3])) end
        for t = sched, sched + (nsched - 1) * 2, 2 do redis.call('ZADD', p .. 'timeouts', ARGV[t + 1], ARGV[t]) end
        for c = cancel, cancel + ncancel - 1 do redis.call('ZREM', p .. 'timeouts', ARGV[c]) end
        for s = scopes, scopes + (nscopes - 1) * 2, 2 do
          local key = p .. 'scope:' .. ARGV[s]
          for _, member in ipairs(redis.call('SMEMBERS', key)) do
            redis.call('ZADD', p .. 'expiry', 'LT', ARGV[s + 1], member)
          end
          redis.call('DEL', key)
        end
        if nevents > 0 then redis.call('PUBLISH', p .. 'wake', table.concat(wake, '\n')) end
        return result
        """);

    /// <summary>
    /// Leases the oldest message of each due user of one endpoint: ARGV[1] = the endpoint's key base, ARGV[2] = now (ms),
    /// ARGV[3] = lease end (ms), ARGV[4] = max. The user's due score moves to the lease end, so no other node takes it
    /// meanwhile. Returns {user, message, attempts, …}.
    /// </summary>
    public static readonly RedisScript ClaimWebhooks = new(
        """
        local wh = ARGV[1]
        local users = redis.call('ZRANGE', wh .. ':due', '-inf', ARGV[2], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[4]))
        local out = {}
        for _, u in ipairs(users) do
          local head = redis.call('LINDEX', wh .. ':q:' .. u, 0)
          if head then
            redis.call('ZADD', wh .. ':due', ARGV[3], u)
            table.insert(out, u)
            table.insert(out, head)
            table.insert(out, redis.call('HGET', wh .. ':att', cjson.decode(head).id) or '0')
          else
            redis.call('ZREM', wh .. ':due', u)
          end
        end
        return out
        """);

    /// <summary>
    /// Settles a user's oldest message if it is still <c>ARGV[3]</c> (another node may have taken over an expired lease and
    /// settled it first): ARGV[1] = key base, ARGV[2] = user, ARGV[3] = message id, ARGV[4] = "done" or the retry time (ms).
    /// </summary>
    public static readonly RedisScript SettleWebhook = new(
        """
        local wh = ARGV[1]
        local q = wh .. ':q:' .. ARGV[2]
        local head = redis.call('LINDEX', q, 0)
        if not head or cjson.decode(head).id ~= ARGV[3] then return 0 end
        if ARGV[4] == 'done' then
          redis.call('LPOP', q)
          redis.call('HDEL', wh .. ':att', ARGV[3])
          redis.call('ZREM', wh .. ':age', ARGV[3])
          if redis.call('LLEN', q) > 0 then redis.call('ZADD', wh .. ':due', 0, ARGV[2]) else redis.call('ZREM', wh .. ':due', ARGV[2]) end
        else
          redis.call('HINCRBY', wh .. ':att', ARGV[3], 1)
          redis.call('ZADD', wh .. ':due', ARGV[4], ARGV[2])
        end
        return 1
        """);

    /// <summary>Drops events whose time has come: ARGV[1] = prefix, ARGV[2] = now (ms), ARGV[3] = batch size. Returns how many went.</summary>
    public static readonly RedisScript Purge = new(
        """
        local p = ARGV[1]
        local due = redis.call('ZRANGE', p .. 'expiry', '-inf', ARGV[2], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[3]))
        for _, member in ipairs(due) do
          local nl = string.find(member, '\n', 1, true)
          redis.call('XDEL', p .. 'log:' .. string.sub(member, 1, nl - 1), string.sub(member, nl + 1) .. '-0')
          redis.call('ZREM', p .. 'expiry', member)
        end
        return #due
        """);

    /// <summary>
    /// Leases due timeouts: each due one is moved forward by the lease, so no other claimer gets it until the lease
    /// ends. ARGV[1] = prefix, ARGV[2] = now (ms), ARGV[3] = lease end (ms), ARGV[4] = max. Returns {id, due, id, due, …}.
    /// </summary>
    public static readonly RedisScript Claim = new(
        """
        local key = ARGV[1] .. 'timeouts'
        local due = redis.call('ZRANGE', key, '-inf', ARGV[2], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[4]), 'WITHSCORES')
        for i = 1, #due, 2 do redis.call('ZADD', key, ARGV[3], due[i]) end
        return due
        """);

    /// <summary>
    /// Registers a connection, its user in the online index, and the user in the expiry index (by their latest connection's
    /// expiry). A user new to the online index came online: ARGV[10] (webhook items, JSON) is appended then.
    /// ARGV: prefix, connection id, user, expiry (ms), seconds to keep the keys, surface, transport, device, since (ms), items.
    /// </summary>
    public static readonly RedisScript Connect = new(AppendOutbox +
        """
        local p = ARGV[1]
        local conn = p .. 'conn:' .. ARGV[2]
        local presence = p .. 'presence:' .. ARGV[3]
        redis.call('HSET', conn, 'u', ARGV[3], 's', ARGV[6], 't', ARGV[7], 'd', ARGV[8], 'since', ARGV[9])
        redis.call('EXPIRE', conn, ARGV[5])
        redis.call('ZADD', presence, ARGV[4], ARGV[2])
        redis.call('EXPIRE', presence, ARGV[5])
        redis.call('ZADD', p .. 'presence-expiry', 'GT', ARGV[4], ARGV[3])
        if redis.call('ZADD', p .. 'online', 0, ARGV[3]) == 1 then append_outbox(p, cjson.decode(ARGV[10])) end
        return 1
        """);

    /// <summary>
    /// Removes a connection, and its user from the online index when it was their last (expired ones of a dead node are
    /// left to <c>ForgetIfOffline</c>), in one step so a connect on another node cannot slip between the count and the
    /// removal; the user went offline then, and ARGV[3] (webhook items, JSON) is appended. ARGV[1] = prefix, ARGV[2] =
    /// connection id. Returns 1 when the connection was registered.
    /// </summary>
    public static readonly RedisScript Disconnect = new(AppendOutbox +
        """
        local p = ARGV[1]
        local conn = p .. 'conn:' .. ARGV[2]
        local user = redis.call('HGET', conn, 'u')
        if not user then return 0 end
        redis.call('DEL', conn)
        local presence = p .. 'presence:' .. user
        redis.call('ZREM', presence, ARGV[2])
        if redis.call('ZCARD', presence) == 0 then
          redis.call('ZREM', p .. 'presence-expiry', user)
          if redis.call('ZREM', p .. 'online', user) == 1 then append_outbox(p, cjson.decode(ARGV[3])) end
        end
        return 1
        """);

    /// <summary>
    /// Drops a user from the online index when none of their connections is live any more (their node died without
    /// removing them), atomically with respect to a new connection; the user went offline then, and ARGV[4] (webhook items,
    /// JSON) is appended. ARGV[1] = prefix, ARGV[2] = user, ARGV[3] = now (ms). Returns 1 when the user went offline.
    /// </summary>
    public static readonly RedisScript ForgetIfOffline = new(AppendOutbox +
        """
        local p = ARGV[1]
        local presence = p .. 'presence:' .. ARGV[2]
        if redis.call('ZCOUNT', presence, '(' .. ARGV[3], '+inf') > 0 then return 0 end
        redis.call('DEL', presence)
        redis.call('ZREM', p .. 'presence-expiry', ARGV[2])
        if redis.call('ZREM', p .. 'online', ARGV[2]) == 0 then return 0 end
        append_outbox(p, cjson.decode(ARGV[4]))
        return 1
        """);
}
