using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Signaling.Core.Tests;

/// <summary>Issue #17: a store outage logs its first failure, a summary a minute, and the recovery — not a warning per retry.</summary>
public sealed class ThrottledWarningTests
{
    [Fact]
    public void RepeatedFailures_LogFirst_ThenAMinuteSummary_ThenRecovery()
    {
        var clock = new FakeTimeProvider();
        var logger = new RecordingLogger();
        var warning = new ThrottledWarning(logger, clock, "Firing due timeouts");

        for (var second = 0; second < 150; second += 4)
        {
            warning.Failed(new InvalidOperationException("Redis is unreachable."));
            clock.Advance(TimeSpan.FromSeconds(4));
        }

        warning.Succeeded();
        warning.Succeeded();

        Assert.Equal([LogLevel.Warning, LogLevel.Warning, LogLevel.Warning, LogLevel.Information], logger.Levels);
        Assert.Contains("still failing", logger.Messages[1], StringComparison.Ordinal);
        Assert.Contains("works again", logger.Messages[3], StringComparison.Ordinal);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<LogLevel> Levels { get; } = [];

        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Levels.Add(logLevel);
            Messages.Add(formatter(state, exception));
        }
    }
}
