using Signaling.Core.Ports;
using StackExchange.Redis;

namespace Signaling.Storage.Redis;

internal static class RedisPages
{
    /// <summary>
    /// A page of members of an all-zero-score sorted set (ordered by member) after <paramref name="cursor"/>; the cursor
    /// of the next page is the last member, given when the page came back full.
    /// </summary>
    public static async Task<Page<string>> MembersAfterAsync(this IDatabase db, RedisKey key, string? cursor, int limit)
    {
        var from = string.IsNullOrEmpty(cursor) ? default : (RedisValue)cursor;
        var members = await db.SortedSetRangeByValueAsync(
            key, from, default, string.IsNullOrEmpty(cursor) ? Exclude.None : Exclude.Start, Order.Ascending, 0, limit);
        var ids = members.Select(m => (string)m!).ToList();
        return new Page<string>(ids, ids.Count == limit ? ids[^1] : null);
    }
}
