using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Signaling.Admin;
using Signaling.Adapters.Agora;
using Signaling.Adapters.Nim;
using Signaling.Adapters.OpenIM;
using Signaling.Adapters.Tencent;
using Signaling.Core;
using Signaling.Gateway;
using Signaling.Http;
using Signaling.Http.Canonical;
using Signaling.Http.OpenApi;
using Signaling.Http.Problems;
using Signaling.Http.Streams;
using Signaling.Webhooks;

// Configure the surfaces: the canonical API, then one line per vendor adapter.
ISignalingSurface[] surfaces =
[
    new CanonicalSurface(),
    new TencentAdapter(),
    new OpenIMAdapter(),
    new NimAdapter(),
    new AgoraAdapter(),
    new AdminSurface(),
];

if (args is ["token", .. var tokenArgs])
{
    return TokenCommand.Run(tokenArgs, [.. surfaces.OfType<IVendorTokens>()]);
}

// The configuration file sits at the repository root and is copied beside the binary.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
StartupFailures.QuietHostErrorsUntilStarted(builder);
if (StartupFailures.ConfigurationProblem(builder) is { } configurationProblem)
{
    await Console.Error.WriteLineAsync(configurationProblem);
    return 1;
}

// Configure the core and its storage provider
builder.Services.AddSignaling().AddConfiguredStorage(builder.Configuration).AddWebhooks(builder.Configuration);

// Configure the HTTP edge, each surface, and its OpenAPI document
builder.Services.AddSignalingHttp();
foreach (var surface in surfaces)
{
    surface.AddServices(builder.Services);
    builder.Services.AddOpenApi(surface.Name, options => options.ConfigureSurfaceDocument(surface));
}

// Configure the passthrough to a legacy upstream (the ReverseProxy section)
builder.Services.AddLegacyPassthrough(builder.Configuration);

// Configure limits, and how long a SIGTERM may take: streams are told to reconnect at once, in-flight requests finish
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = builder.Configuration.GetValue("Shutdown:Timeout", TimeSpan.FromSeconds(5)));
var maxBodyBytes = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", 64 * 1024);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBodyBytes);
builder.Services.PostConfigure<StreamOptions>(streams => streams.MaxCommandBytes = maxBodyBytes);

// Configure health, request logging and metrics
builder.Services.AddSingleton<WarmUp>().AddHostedService(services => services.GetRequiredService<WarmUp>());
builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"])
    .Add(new HealthCheckRegistration("warm-up", services => services.GetRequiredService<WarmUp>(), null, ["ready"]));
builder.Services.AddHttpLogging(logging =>
{
    logging.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath |
                            HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
    logging.CombineLogs = true;
});
var prometheus = builder.Configuration.GetValue("Telemetry:Prometheus:Enabled", true);
var otlp = builder.Configuration["Telemetry:OtlpEndpoint"];
if (prometheus || !string.IsNullOrEmpty(otlp))
{
    builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
    {
        // Kestrel's memory-pool instruments are updated on every buffer rent and return, ~1.3% of the gateway's CPU at
        // 1,000 cycles/s (perf); dropped, they are never enabled. Only Kestrel's pooled-memory figures go from /metrics.
        metrics.AddMeter(SignalingMetrics.MeterName).AddAspNetCoreInstrumentation()
            .AddView(instrument => instrument.Meter.Name == "Microsoft.AspNetCore.MemoryPool" ? MetricStreamConfiguration.Drop : null);
        if (prometheus)
        {
            metrics.AddPrometheusExporter();
        }

        if (!string.IsNullOrEmpty(otlp))
        {
            metrics.AddOtlpExporter(exporter => exporter.Endpoint = new Uri(otlp));
        }
    });
}

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages(SurfaceStatusCodePages.WriteAsync);
app.UseUtf8BodyCheck();
app.UseHttpLogging();
app.UseWebSockets();
app.UseAuthentication();
app.UseAuthorization();

// Configure OpenAPI documents and Swagger UI
app.MapOpenApi("/openapi/{documentName}.json");
// Only under /swagger: its middleware would otherwise stay suspended under every open event stream (memory per connection).
app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger => swagger.UseSwaggerUI(ui =>
{
    ui.RoutePrefix = "swagger";
    ui.DocumentTitle = "Signaling Gateway";
    foreach (var surface in surfaces.Where(s => s.IsServed(app.Services)))
    {
        ui.SwaggerEndpoint($"/openapi/{surface.Name}.json", surface.Name);
    }
}));

// Configure health endpoints: live, and ready once warmed up (WarmUp) while the store answers
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new HealthCheckOptions
{
    Predicate = check => check.Tags.Contains("ready"),
    ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable }, // Still warming up.
});

foreach (var surface in surfaces)
{
    surface.MapEndpoints(app);
}

app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
app.MapDemo([.. surfaces.OfType<IVendorTokens>()]);
if (prometheus)
{
    app.MapPrometheusScrapingEndpoint("/metrics");
}

app.MapLegacyPassthrough();

// Configure the one start-up line: what is served, on what storage, where
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "Signaling Gateway ({Environment}) serving {Surfaces} on {Storage}; listening on {Urls}; Swagger UI at /swagger{Demo}",
    app.Environment.EnvironmentName, string.Join(", ", surfaces.Where(s => s.IsServed(app.Services)).Select(s => "/" + s.Name)), StorageRegistration.Describe(app.Configuration),
    string.Join(", ", app.Urls), DemoPage.IsEnabled(app) ? ", the demo call page at /demo" : ""));
StartupFailures.MarkStarted(app);
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailures.Describe(ex) is { } problem)
{
    await Console.Error.WriteLineAsync(problem);
    return 1;
}

/// <summary>Exposed for tests that host the gateway in-process.</summary>
public partial class Program;
