using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Retention.Tests.Support;

/// <summary>
/// A log sink that keeps what a host logged in memory, so a test can show that something was logged (an ignored
/// webhook topic, say) and not only answered. It records the categories under one prefix, from Information up, even
/// where the host's console logs only warnings.
/// </summary>
public sealed class RecordedLogs(string categoryPrefix) : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public void AddTo(ILoggingBuilder logging)
    {
        logging.AddProvider(this);
        // A rule for this provider alone: the host's minimum level (Warning in tests) still holds for the console.
        logging.AddFilter<RecordedLogs>(null, LogLevel.None);
        logging.AddFilter<RecordedLogs>(categoryPrefix, LogLevel.Information);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
    }
}
