using System.Collections.Concurrent;
using System.Text.Json;
using StandardWebhooks;

// The app's server as the webhook end-to-end tests run it, in its own process: verifies every request with the Standard
// Webhooks scheme and appends one JSON line per request to a file. Arguments: <port> <secret> <log file> [hold ms].
// It answers 401 to a request whose signature does not verify, 200 otherwise.
var (port, secret, log) = (args[0], args[1], args[2]);
var hold = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0;
var builder = WebApplication.CreateBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders();
var app = builder.Build();
var webhook = new StandardWebhook(secret);
var inFlight = new ConcurrentDictionary<string, int>();
var writer = new StreamWriter(log, append: true) { AutoFlush = true };

app.MapPost("/", async (HttpRequest request) =>
{
    var received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    var body = await new StreamReader(request.Body).ReadToEndAsync();
    var id = request.Headers["webhook-id"].ToString();
    bool verified;
    try
    {
        webhook.Verify(body, request.Headers);
        verified = true;
    }
    catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
    {
        verified = false;
    }

    // Two deliveries of one message at the same time would mean two nodes held it at once.
    var overlapped = inFlight.AddOrUpdate(id, 1, (_, n) => n + 1) > 1;
    await Task.Delay(hold);
    inFlight.AddOrUpdate(id, 0, (_, n) => n - 1);
    var line = JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = id, ["verified"] = verified, ["overlapped"] = overlapped, ["receivedAt"] = received, ["body"] = JsonDocument.Parse(body).RootElement,
    });
    lock (writer)
    {
        writer.WriteLine(line);
    }

    return verified ? Results.Ok() : Results.Unauthorized();
});

app.Run();
