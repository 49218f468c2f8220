using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Signaling.Core;
using Signaling.Core.Events;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Http.Canonical;
using Signaling.Http.Identity;

namespace Signaling.Gateway;

/// <summary>
/// Once the server listens, sends itself the requests every call starts with, so that the first real caller does not
/// pay for what ASP.NET Core and the JIT do once: building every endpoint and the route matcher (~0.8 s on two cores),
/// then authentication, body binding, validation and a store read — over HTTP, and as commands the event stream's
/// WebSocket takes — and serialises a sample call the way the store, the replies and the canonical stream do. None of them
/// changes anything: an invitation to oneself is refused, an unknown invitation is not found, the sample is never stored.
/// Readiness (<c>/readyz</c>) waits for it.
/// </summary>
internal sealed class WarmUp(
    IServer server, ISignalingStore store, TokenIssuer tokens, CanonicalStreamCommands commands, IOptions<JsonOptions> json,
    IHostApplicationLifetime lifetime, ILogger<WarmUp> logger) : BackgroundService, IHealthCheck
{
    private const string User = "gateway-warm-up";

    // Sent over HTTP and then as commands on a stream: an invitation to oneself is refused after the body is bound and
    // validated, an unknown invitation is read and not found.
    private static readonly (HttpMethod Method, string Path, string? Body)[] Requests =
    [
        (HttpMethod.Post, "/v1/invitations", $$"""{"invitees":["{{User}}"],"requestId":"warm-up","data":""}"""),
        (HttpMethod.Get, $"/v1/invitations/warm-up-{Guid.NewGuid():N}", null),
    ];

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done.Task.IsCompleted ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("Warming up."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            // Readiness waits for the warm-up, so nothing in it may wait forever.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(30));
            SerialiseSampleCall();
            await CommitNothingAsync(bounded.Token);
            if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address)
            {
                await SendAsync(Loopback(address), tokens.Issue(User, lifetime: TimeSpan.FromMinutes(1)), bounded.Token);
            }

            await SendOnStreamAsync(bounded.Token);
            await ExchangeOverWebSocketsAsync(bounded.Token);

            // The server GC's first collection is slower than later ones: run it here, not in the first call (measured,
            // published build, eight starts each: the first call 34–64 → 18–38 ms).
            GC.Collect();
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or WebSocketException or OperationCanceledException or UriFormatException
                                       or StoreUnavailableException or System.Data.Common.DbException)
        {
            logger.LogDebug(ex, "Warm-up requests did not all complete; the first callers pay for what they would have done.");
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>
    /// An invitation ringing someone and its events, serialised, read back and rendered as every commit, reply and canonical
    /// stream does: source-generated contracts still build their converters on first use, the renderer its names (together
    /// ~45 ms of the first call on two cores).
    /// </summary>
    private void SerialiseSampleCall()
    {
        var now = DateTimeOffset.UtcNow;
        var inviter = new Actor(User) { Surface = "v1" };
        var invitation = new Invitation
        {
            Id = Ids.Sequential(), Inviter = inviter, Invitees = [new Invitee { UserId = User + "-callee" }], RoomId = Ids.New(), CreatedAt = now,
        };
        var events = new EventBuilder(inviter, now, Durable: true, ExpiresAt: now)
        {
            InvitationId = invitation.Id, Data = "", Invitation = invitation.ToView(), Step = 1,
        }.For(invitation.Ring(now, new HashSet<string>())).ToList();
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(invitation, CoreJson.Default.Invitation), CoreJson.Default.Invitation);
        JsonSerializer.SerializeToUtf8Bytes(invitation.ToView(), json.Value.SerializerOptions);
        var renderer = new CanonicalEventRenderer();
        foreach (var signalingEvent in events)
        {
            JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(signalingEvent, CoreJson.Default.SignalingEvent), CoreJson.Default.SignalingEvent);
            renderer.Render(signalingEvent);
        }
    }

    /// <summary>
    /// A commit that only checks that a fresh key is absent and cancels a timeout nobody scheduled: it takes the whole
    /// commit path (the store's first connections and statements, the journal's first write) and changes nothing.
    /// </summary>
    private Task CommitNothingAsync(CancellationToken stoppingToken)
    {
        var nothing = new Commit
        {
            Index = { new IndexWrite($"warm-up:{Guid.NewGuid():N}", Expected: null, Value: null) },
            CancelTimeouts = { $"warm-up-{Guid.NewGuid():N}" },
        };
        return store.CommitAsync(nothing, stoppingToken);
    }

    private static async Task SendAsync(Uri baseAddress, string bearer, CancellationToken stoppingToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        foreach (var (method, path, body) in Requests.Prepend((HttpMethod.Get, "/healthz", null)))
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request, stoppingToken);
        }
    }

    /// <summary>
    /// The same requests as commands on a <c>/v1/events</c> WebSocket, handed to the handler directly: a socket of its own
    /// would make the warm-up user online, and <c>user.presence</c> webhooks would tell the app so.
    /// </summary>
    private async Task SendOnStreamAsync(CancellationToken stoppingToken)
    {
        var actor = new Actor(User) { Surface = "v1" };
        for (var id = 0; id < Requests.Length; id++)
        {
            var (method, path, body) = Requests[id];
            await commands.HandleAsync(actor, Encoding.UTF8.GetBytes($$"""{"id":{{id}},"method":"{{method}}","path":"{{path}}","body":{{body ?? "null"}}}"""), stoppingToken);
        }
    }

    /// <summary>
    /// One text message each way between two WebSockets over loopback TCP: framing, masking and UTF-8 checks are
    /// vectorised code that ReadyToRun leaves to the JIT (measured: the published build's first call 43–57 → 33–50 ms).
    /// </summary>
    private static async Task ExchangeOverWebSocketsAsync(CancellationToken stoppingToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!, stoppingToken);
        using var accepted = await listener.AcceptAsync(stoppingToken);
        using var server = WebSocket.CreateFromStream(new NetworkStream(accepted, ownsSocket: false), new WebSocketCreationOptions { IsServer = true });
        using var caller = WebSocket.CreateFromStream(new NetworkStream(client, ownsSocket: false), new WebSocketCreationOptions { IsServer = false });
        var message = Encoding.UTF8.GetBytes($$"""{"id":0,"method":"GET","path":"/v1/invitations/{{User}}"}""");
        var buffer = new byte[message.Length];
        foreach (var (from, to) in new[] { (caller, server), (server, caller) })
        {
            await from.SendAsync(message, WebSocketMessageType.Text, true, stoppingToken);
            await to.ReceiveAsync(buffer.AsMemory(), stoppingToken);
        }
    }

    /// <summary>The listening address as a client reaches it: a wildcard host means this machine.</summary>
    private static Uri Loopback(string address)
    {
        var uri = new Uri(address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal));
        return uri.Host is "0.0.0.0" or "[::]" ? new UriBuilder(uri) { Host = "127.0.0.1" }.Uri : uri;
    }
}
