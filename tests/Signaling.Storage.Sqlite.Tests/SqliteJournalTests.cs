using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Storage.Specification;

namespace Signaling.Storage.Sqlite.Tests;

/// <summary>
/// Issue #16: a commit is acknowledged once the journal has it, and reaches the tables later. An acknowledged commit must
/// survive a kill -9 in between (the non-negotiable "an acknowledged command survives kill -9"), and the journal's
/// torn tail must not stop the gateway from starting.
/// </summary>
public sealed class SqliteJournalTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    // Nothing reaches the tables during a test unless something asks for them.
    private readonly SqliteStorage _storage = new(applyDelay: TimeSpan.FromHours(1));
    private StorageUnderTest _open = null!;

    public async Task InitializeAsync() => _open = await _storage.OpenAsync();

    public async Task DisposeAsync() => await _open.DisposeAsync();

    [Fact]
    public async Task ACommitOnlyTheJournalHas_IsReadBeforeAndAfterAKill()
    {
        var (invitation, sequence) = await CommitInvitationAsync();

        // Before: served from memory while the tables do not have it.
        Assert.Equal(0L, await CountInTablesAsync("SELECT count(*) FROM aggregates"));
        Assert.NotNull(await _open.Store.GetInvitationAsync(invitation.Id));
        Assert.Equal(sequence, (await _open.Log.ReadAsync("bob", 0, 10)).Single().Sequence);

        await using var restarted = await _storage.CopyAsIfKilled().OpenAsync();

        await AssertCommittedAsync(restarted, invitation);
    }

    [Fact]
    public async Task ATornRecordAtTheJournalsEnd_IsLeftOut_AndWhatCameBeforeItIsReplayed()
    {
        var (invitation, _) = await CommitInvitationAsync();
        var copy = _storage.CopyAsIfKilled();
        var segment = Directory.EnumerateFiles(Path.GetDirectoryName(copy.Path)!, "signaling.db.commits.*").Single();
        await using (var file = new FileStream(segment, FileMode.Append))
        {
            // The start of a frame whose payload never made it: a length, a checksum and a few bytes.
            await file.WriteAsync(new byte[] { 200, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7 });
        }

        await using var restarted = await copy.OpenAsync();

        await AssertCommittedAsync(restarted, invitation);
        Assert.False(File.Exists(segment)); // Replayed, so gone: the torn bytes cannot come back at the next start.
    }

    /// <summary>
    /// Journal batches are Brotli-compressed (the top bit of a frame's length says so, issue #16's bytes per cycle); a
    /// journal an earlier version left after a kill holds plain records, and is replayed all the same.
    /// </summary>
    [Fact]
    public async Task AJournalOfPlainRecords_LeftByAnEarlierVersion_IsReplayed()
    {
        var (invitation, _) = await CommitInvitationAsync();
        var copy = _storage.CopyAsIfKilled();
        var segment = Directory.EnumerateFiles(Path.GetDirectoryName(copy.Path)!, "signaling.db.commits.*").Single();
        var frame = await File.ReadAllBytesAsync(segment);
        var header = BinaryPrimitives.ReadInt32LittleEndian(frame);
        Assert.True(header < 0, "the frame is marked compressed");
        var compressed = frame.AsSpan(8, header & int.MaxValue);
        var record = new byte[BinaryPrimitives.ReadInt32LittleEndian(compressed)];
        Assert.True(BrotliDecoder.TryDecompress(compressed[4..], record, out var written) && written == record.Length);
        Assert.True(compressed.Length < record.Length, $"{compressed.Length} compressed bytes for a record of {record.Length}");

        var plain = new byte[8 + record.Length];
        BinaryPrimitives.WriteInt32LittleEndian(plain, record.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(plain.AsSpan(4), Crc32.HashToUInt32(record));
        record.CopyTo(plain, 8);
        await File.WriteAllBytesAsync(segment, plain);

        await using var restarted = await copy.OpenAsync();

        await AssertCommittedAsync(restarted, invitation);
    }

    [Fact]
    public async Task ListsThatReadTheTables_SeeWhatIsOnlyJournalled()
    {
        var (invitation, _) = await CommitInvitationAsync();

        var scheduled = await _open.Timeouts.ListScheduledAsync(null, 10);

        Assert.Equal([invitation.Id], scheduled.Items);
    }

    /// <summary>The timeout worker polls every 50 ms; a poll is a write, and a write waits for the tables to catch up.</summary>
    [Fact]
    public async Task APollBeforeAnyTimeoutCanBeDue_WritesNothing_AndAPollAtItsTimeClaimsIt()
    {
        var lease = TimeSpan.FromSeconds(30);
        Assert.Empty(await _open.Timeouts.ClaimDueAsync(T0, lease, 10)); // Learns that nothing is scheduled.
        var (invitation, _) = await CommitInvitationAsync(); // Due at T0 + 30 s.

        Assert.Empty(await _open.Timeouts.ClaimDueAsync(T0.AddSeconds(29), lease, 10));
        Assert.Equal(0L, await CountInTablesAsync("SELECT count(*) FROM timeouts"));

        Assert.Equal(invitation.Id, (await _open.Timeouts.ClaimDueAsync(T0.AddSeconds(30), lease, 10)).Single().InvitationId);
        Assert.Empty(await _open.Timeouts.ClaimDueAsync(T0.AddSeconds(31), lease, 10)); // Leased.
        Assert.Equal(invitation.Id, (await _open.Timeouts.ClaimDueAsync(T0.AddSeconds(61), lease, 10)).Single().InvitationId); // The lease ran out.
    }

    /// <summary>
    /// The journal runs at most 8,192 commits ahead of the tables. While the tables cannot be written (another process
    /// holds the write lock here; a full disk would do the same), commits beyond that are refused as unavailable (503)
    /// rather than piling up in memory; once the writer gets through, commits are taken again and nothing was lost.
    /// </summary>
    [Fact]
    public async Task WhileTheTablesCannotBeWritten_CommitsBeyondTheJournalsLeadAreRefused_AndTakenAgainAfter()
    {
        await using var blocker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_storage.Path};Pooling=false");
        await blocker.OpenAsync();
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE"; // Takes the write lock; readers go on.
            await begin.ExecuteNonQueryAsync();
        }

        const int lead = 8_192;
        for (var i = 0; i < lead; i += 512)
        {
            var results = await Task.WhenAll(Enumerable.Range(i, 512).Select(n => _open.Store.CommitAsync(MessageTo($"user{n % 64}"))));
            Assert.All(results, result => Assert.False(result.Conflict));
        }

        await Assert.ThrowsAsync<StoreUnavailableException>(() => _open.Store.CommitAsync(MessageTo("user0")));

        await using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        var accepted = await WaitUntilAcceptedAsync(MessageTo("user0"), TimeSpan.FromSeconds(30));
        Assert.Equal(lead / 64 + 1, accepted.Appended[0].Sequence); // Every acknowledged commit is there, the refused one is not.
        Assert.Equal(lead / 64 + 1, await _open.Log.GetLastSequenceAsync("user0"));
    }

    /// <summary>
    /// A committed value is served from memory only until the tables have it; after that reads go to the file and are
    /// remembered. What was remembered before a commit must never come back once that commit is applied, or a command
    /// would act on a call as it was before (a stale invitation, a busy key that was cleared).
    /// </summary>
    [Fact]
    public async Task WhatWasReadBeforeACommit_IsNeverServedOnceThatCommitIsApplied()
    {
        var invitation = new Invitation
        {
            Id = Ids.New(), Inviter = new Actor("alice"), Invitees = [new Invitee { UserId = "bob" }], RoomId = Ids.New(), CreatedAt = T0,
        };
        var first = new Commit();
        first.Invitations.Add(invitation);
        first.Index.Add(new IndexWrite("busy:bob", null, invitation.Id));
        Assert.False((await _open.Store.CommitAsync(first)).Conflict);
        await UntilAppliedAsync();

        // Read from the file now, and remembered.
        var read = (await _open.Store.GetInvitationAsync(invitation.Id))!;
        Assert.Equal(1, read.Version);
        Assert.Equal(invitation.Id, await _open.Store.FindAsync("busy:bob"));

        read.Status = InvitationStatus.Ended;
        var second = new Commit();
        second.Invitations.Add(read);
        second.Index.Add(new IndexWrite("busy:bob", invitation.Id, null));
        Assert.False((await _open.Store.CommitAsync(second)).Conflict);
        await UntilAppliedAsync();

        var now = (await _open.Store.GetInvitationAsync(invitation.Id))!;
        Assert.Equal(2, now.Version);
        Assert.Equal(InvitationStatus.Ended, now.Status);
        Assert.Null(await _open.Store.FindAsync("busy:bob"));
    }

    /// <summary>
    /// Issue #16: a key a commit removed is remembered as absent once applied (a user's current call is read again by
    /// their next invite), so the next commit that sets it must replace that memory, before its apply and after.
    /// </summary>
    [Fact]
    public async Task AKeyRemovedAndApplied_ReadsAsTheNextCommitSetsIt()
    {
        var (invitation, _) = await CommitInvitationAsync();
        var removal = new Commit();
        removal.Index.Add(new IndexWrite("busy:bob", invitation.Id, null));
        Assert.False((await _open.Store.CommitAsync(removal)).Conflict);
        await UntilAppliedAsync();
        Assert.Null(await _open.Store.FindAsync("busy:bob"));

        var again = new Commit();
        again.Index.Add(new IndexWrite("busy:bob", null, "next-call"));
        Assert.False((await _open.Store.CommitAsync(again)).Conflict);
        Assert.Equal("next-call", await _open.Store.FindAsync("busy:bob"));
        await UntilAppliedAsync();
        Assert.Equal("next-call", await _open.Store.FindAsync("busy:bob"));

        // And the commit check sees it too: a commit that still expects the key absent conflicts.
        var stale = new Commit();
        stale.Index.Add(new IndexWrite("busy:bob", null, "other-call"));
        Assert.True((await _open.Store.CommitAsync(stale)).Conflict);
    }

    /// <summary>
    /// Issue #16: a live stream reads the events it was woken for from memory while only the journal has them, and
    /// from the tables once applied; a reader anywhere in a user's log gets every event after its cursor, in order, once.
    /// </summary>
    [Fact]
    public async Task AUsersLog_ReadsWhole_AcrossEventsInTheTablesAndEventsOnlyJournalled()
    {
        await _open.Store.CommitAsync(MessageTo("bob"));
        await _open.Store.CommitAsync(MessageTo("bob"));
        await UntilAppliedAsync();
        await _open.Store.CommitAsync(MessageTo("bob"));
        await _open.Store.CommitAsync(MessageTo("bob"));
        Assert.Equal(2L, await CountInTablesAsync("SELECT count(*) FROM event_log"));

        async Task<long[]> ReadAsync(long after, int max) => (await _open.Log.ReadAsync("bob", after, max)).Select(e => e.Sequence).ToArray();
        Assert.Equal(new[] { 1L, 2L, 3L, 4L }, await ReadAsync(0, 10));
        Assert.Equal(new[] { 2L, 3L }, await ReadAsync(1, 2));
        Assert.Equal(new[] { 3L, 4L }, await ReadAsync(2, 10));
        Assert.Equal(new[] { 4L }, await ReadAsync(3, 10));
        Assert.Empty(await ReadAsync(4, 10));

        await UntilAppliedAsync();
        Assert.Equal(new[] { 3L, 4L }, await ReadAsync(2, 10));
        Assert.Empty(await ReadAsync(4, 10));
    }

    /// <summary>
    /// Issue #16: a key never given a value is known absent without a read of the file (the key filter). A key only the
    /// journal had at a kill -9 must be in that filter after the restart, or a retried request id would start a second
    /// call: it is replayed into the table before the table's keys are loaded.
    /// </summary>
    [Fact]
    public async Task AKeyOnlyTheJournalHad_IsFoundAfterAKill_ByReadsAndByTheCommitCheck()
    {
        var key = $"request:alice::{Ids.New()}:bob";
        var commit = new Commit();
        commit.Index.Add(new IndexWrite(key, null, "first-call"));
        Assert.False((await _open.Store.CommitAsync(commit)).Conflict);
        Assert.Equal(0L, await CountInTablesAsync("SELECT count(*) FROM lookup"));

        await using var restarted = await _storage.CopyAsIfKilled().OpenAsync();

        Assert.Equal("first-call", await restarted.Store.FindAsync(key));
        var second = new Commit();
        second.Index.Add(new IndexWrite(key, null, "second-call"));
        Assert.True((await restarted.Store.CommitAsync(second)).Conflict);
        Assert.Null(await restarted.Store.FindAsync($"request:alice::{Ids.New()}:bob"));
    }

    /// <summary>
    /// Issue #16 (p50 below saturation): when the journal is idle, a commit is checked and journalled on the caller's own
    /// thread, so it is done before the call returns, with no hand-off to the journal thread to wait for.
    /// </summary>
    [Fact]
    public async Task ACommitWhileTheJournalIsIdle_IsJournalledBeforeTheCallReturns()
    {
        await _open.Store.CommitAsync(MessageTo("bob")); // The journal thread opens the file on its first batch.
        await Task.Delay(10);

        var committing = _open.Store.CommitAsync(MessageTo("bob"));

        Assert.True(committing.IsCompletedSuccessfully);
        Assert.Equal(2, (await committing).Appended.Single().Sequence);
    }

    /// <summary>
    /// Commits journalled by their callers and commits batched by the journal thread interleave under load: each user's
    /// log still gets every acknowledged event once, numbered without gaps, and the same after a kill -9.
    /// </summary>
    [Fact]
    public async Task ConcurrentCommits_EachGetOneSequence_WithoutGaps_BeforeAndAfterAKill()
    {
        const int Writers = 8, Each = 60;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < Each; i++)
            {
                Assert.False((await _open.Store.CommitAsync(MessageTo(i % 2 == 0 ? "bob" : "carol"))).Conflict);
                if (i % (w + 2) == 0)
                {
                    await Task.Delay(1); // Some arrive to an idle journal, the rest while it is busy.
                }
            }
        })));

        async Task AssertLogsAsync(StorageUnderTest storage)
        {
            foreach (var userId in new[] { "bob", "carol" })
            {
                var sequences = (await storage.Log.ReadAsync(userId, 0, 1000)).Select(e => e.Sequence).ToArray();
                Assert.Equal(Enumerable.Range(1, Writers * Each / 2).Select(n => (long)n), sequences);
            }
        }

        await AssertLogsAsync(_open);
        await using var restarted = await _storage.CopyAsIfKilled().OpenAsync();
        await AssertLogsAsync(restarted);
    }

    private async Task<CommitResult> WaitUntilAcceptedAsync(Commit commit, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                return await _open.Store.CommitAsync(commit);
            }
            catch (StoreUnavailableException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Listing channels reads the tables, so it first waits until every commit before it is in them.</summary>
    private Task UntilAppliedAsync() => _open.Store.ListChannelsAsync(null, 1);

    private static Commit MessageTo(string userId)
    {
        var commit = new Commit();
        commit.Events.Add(new SignalingEvent { Recipient = userId, Kind = EventKind.PeerMessage, Time = T0, Actor = new Actor("alice"), ExpiresAt = T0.AddDays(7) });
        return commit;
    }

    private async Task<long> CountInTablesAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_storage.Path};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(Invitation Invitation, long Sequence)> CommitInvitationAsync()
    {
        var invitation = new Invitation
        {
            Id = Ids.New(), Inviter = new Actor("alice"), Invitees = [new Invitee { UserId = "bob" }], RoomId = Ids.New(), CreatedAt = T0,
        };
        var commit = new Commit();
        commit.Invitations.Add(invitation);
        commit.Index.Add(new IndexWrite("busy:bob", null, invitation.Id));
        commit.Events.Add(new SignalingEvent
        {
            Recipient = "bob", Kind = EventKind.InvitationReceived, Time = T0, Actor = new Actor("alice"), InvitationId = invitation.Id, ExpiresAt = T0.AddDays(7),
        });
        commit.ScheduleTimeouts[invitation.Id] = T0.AddSeconds(30);
        var result = await _open.Store.CommitAsync(commit);
        Assert.False(result.Conflict);
        return (invitation, result.Appended[0].Sequence);
    }

    private static async Task AssertCommittedAsync(StorageUnderTest restarted, Invitation invitation)
    {
        Assert.Equal(1, (await restarted.Store.GetInvitationAsync(invitation.Id))!.Version);
        Assert.Equal(invitation.Id, await restarted.Store.FindAsync("busy:bob"));
        Assert.Equal(EventKind.InvitationReceived, (await restarted.Log.ReadAsync("bob", 0, 10)).Single().Kind);
        Assert.Equal(invitation.Id, (await restarted.Timeouts.ClaimDueAsync(T0.AddMinutes(1), TimeSpan.FromSeconds(30), 10)).Single().InvitationId);

        // Sequences continue from the replayed event.
        Assert.Equal(2, (await restarted.Store.CommitAsync(MessageTo("bob"))).Appended[0].Sequence);
    }
}
