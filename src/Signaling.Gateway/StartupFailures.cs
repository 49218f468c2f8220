using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Signaling.Core;

namespace Signaling.Gateway;

/// <summary>
/// Failures at start an operator fixes from one line: the setting or resource, what is wrong, what to do. The host's
/// own error log (with its stack trace) is held back until the gateway has started, unless Debug logging is on.
/// </summary>
internal static class StartupFailures
{
    private static volatile bool _started;

    public static void QuietHostErrorsUntilStarted(WebApplicationBuilder builder)
    {
        var debug = builder.Configuration["Logging:LogLevel:Default"] is "Debug" or "Trace";
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host",
            level => debug || level >= LogLevel.Information && (level < LogLevel.Error || _started));
    }

    /// <summary>What is wrong with the configuration before anything is built: development keys outside Development, an unknown store.</summary>
    public static string? ConfigurationProblem(WebApplicationBuilder builder) =>
        !builder.Environment.IsDevelopment() && DevelopmentValues.In(builder.Configuration) is { Count: > 0 } developmentValues
            ? DevelopmentValues.Refusal(developmentValues, builder.Environment.EnvironmentName)
            : StorageRegistration.UnknownProvider(builder.Configuration);

    public static void MarkStarted(WebApplication app) => app.Lifetime.ApplicationStarted.Register(() => _started = true);

    /// <summary>One line for a failure an operator can fix from it, or null for anything else (a bug: let it crash loudly).</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        StartupProblemException problem => problem.Message,
        IOException { InnerException: AddressInUseException } bind =>
            $"Urls: {bind.Message} Stop the process using it or choose another address (Urls, or --urls).",
        InvalidOperationException bad when bad.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            $"{bad.Message} Fix that setting (as an environment variable, ':' becomes '__').",
        OptionsValidationException invalid => $"Configuration {invalid.OptionsName}: {string.Join(" ", invalid.Failures)}",
        AggregateException { InnerExceptions.Count: 1 } single => Describe(single.InnerException!),
        _ => null,
    };
}
