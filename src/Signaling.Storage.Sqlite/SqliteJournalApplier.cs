namespace Signaling.Storage.Sqlite;

/// <summary>
/// Copies journalled commits into the tables, many at a time in one transaction. What later commits overwrite is written
/// once: an aggregate's newest version, a lookup key's or a timeout's last value (a key set and removed again within
/// the batch costs one delete, not three writes). Events, scope expiries and webhook messages are written in commit order.
/// </summary>
internal static class SqliteJournalApplier
{
    public static void Apply(SqliteWriteSession session, IReadOnlyList<JournalRecord> records)
    {
        var aggregates = new Dictionary<(string Kind, string Id), AggregateRow>();
        var lookups = new Dictionary<string, string?>(StringComparer.Ordinal);
        var timeouts = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            record.Aggregates.ForEach(row => aggregates[(row.Kind, row.Id)] = row);
            record.Lookups.ForEach(write => lookups[write.Key] = write.Value);
            record.Timeouts.ForEach(timeout => timeouts[timeout.InvitationId] = timeout.DueAtMs);
            foreach (var row in record.Events)
            {
                session.Raw("INSERT INTO event_log (user_id, seq, scope, durable, expires_at, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .Bind(1, row.UserId).Bind(2, row.Sequence).Bind(3, row.Scope).Bind(4, row.Durable ? 1 : 0).Bind(5, row.ExpiresAtMs).BindUtf8(6, row.Body)
                    .Run();
            }

            foreach (var (scope, until) in record.ExpireScopes)
            {
                session.Command("UPDATE event_log SET expires_at = min(expires_at, $until) WHERE scope = $scope AND durable = 0")
                    .With("$scope", scope).With("$until", until).ExecuteNonQuery();
            }

            SqliteWebhookOutbox.Append(session, record.Outbox);
        }

        foreach (var row in aggregates.Values)
        {
            session.Raw(
                    "INSERT INTO aggregates (kind, id, version, body) VALUES (?1, ?2, ?3, ?4) " +
                    "ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, body = excluded.body")
                .Bind(1, row.Kind).Bind(2, row.Id).Bind(3, row.Version).BindUtf8(4, row.Body).Run();
        }

        foreach (var (key, value) in lookups)
        {
            (value is null
                    ? session.Raw("DELETE FROM lookup WHERE key = ?1").Bind(1, key)
                    : session.Raw("INSERT INTO lookup (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                        .Bind(1, key).Bind(2, value))
                .Run();
        }

        foreach (var (invitationId, dueAt) in timeouts)
        {
            (dueAt is { } due
                    ? session.Raw(
                            "INSERT INTO timeouts (invitation_id, due_at, lease_until) VALUES (?1, ?2, 0) " +
                            "ON CONFLICT (invitation_id) DO UPDATE SET due_at = excluded.due_at, lease_until = 0")
                        .Bind(1, invitationId).Bind(2, due)
                    : session.Raw("DELETE FROM timeouts WHERE invitation_id = ?1").Bind(1, invitationId))
                .Run();
        }

        session.Raw("UPDATE journal_applied SET number = ?1").Bind(1, records[^1].Number).Run();
    }
}
