using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kindred.IntegrationTests.Hosting.BadInput;

/// <summary>Every log entry the server writes (at the configured levels), kept for assertions.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Takes the entries written since the last call.</summary>
    public List<LogEntry> Drain()
    {
        var taken = new List<LogEntry>();
        while (entries.TryDequeue(out var entry))
        {
            taken.Add(entry);
        }
        return taken;
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
    }
}
