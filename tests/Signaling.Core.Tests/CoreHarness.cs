using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Signaling.Core.Channels;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Core.Timeouts;
using Signaling.Core.Users;
using Signaling.Storage.Sqlite;

namespace Signaling.Core.Tests;

/// <summary>The core's services over a real SQLite file and a fake clock; <see cref="RestartAsync"/> reopens the same file.</summary>
public sealed class CoreHarness : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "signaling-tests", Guid.NewGuid().ToString("N"), "core.db");
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private SqliteDatabase _database = null!;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public SignalingOptions Options { get; } = new();

    public ISignalingStore Store { get; private set; } = null!;

    public IEventLog Log { get; private set; } = null!;

    public IPresenceRegistry Presence { get; private set; } = null!;

    public InvitationService Invitations { get; private set; } = null!;

    public ChannelService Channels { get; private set; } = null!;

    public UserService Users { get; private set; } = null!;

    public OfflineInbox Inbox { get; private set; } = null!;

    public TimeoutWorker Timeouts { get; private set; } = null!;

    public IMeterFactory MeterFactory => _metrics.GetRequiredService<IMeterFactory>();

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(new SqliteStorageOptions { Path = _path }));
        await _database.InitializeAsync(CancellationToken.None);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Store = new SqliteSignalingStore(_database, _database.Cache, new EventWakeups());
        Log = new SqliteEventLog(_database, _database.Cache, Store);
        Presence = new SqlitePresenceRegistry(_database);
        Invitations = new InvitationService(Store, Presence, Clock, options, new SignalingMetrics(MeterFactory));
        Channels = new ChannelService(Store, Clock, options);
        Users = new UserService(Store, Presence, Clock, options);
        Inbox = new OfflineInbox(Store, Log, Clock, options);
        Timeouts = new TimeoutWorker(new SqliteTimeoutIndex(_database), Invitations, Clock, new SignalingMetrics(MeterFactory), NullLogger<TimeoutWorker>.Instance);
    }

    /// <summary>As if the process stopped and started again on the same database file.</summary>
    public async Task RestartAsync()
    {
        await _database.DisposeAsync();
        await InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _metrics.DisposeAsync();
    }

    public async Task<IReadOnlyList<SignalingEvent>> EventsOf(string userId) => await Log.ReadAsync(userId, 0, 1000);

    public async Task<List<EventKind>> KindsOf(string userId) => (await EventsOf(userId)).Select(e => e.Kind).ToList();

    public async Task<Invitation> InviteAsync(string inviter, string[] invitees, int timeoutSeconds = 0, string? inviterDevice = null)
    {
        var result = await Invitations.InviteAsync(new Actor(inviter, inviterDevice), new InviteRequest { Invitees = invitees, TimeoutSeconds = timeoutSeconds });
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value.Invitation;
    }
}
