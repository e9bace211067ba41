using System.Collections.Concurrent;
using Kindred.Data.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kindred.Core.Events;

/// <summary>
/// Stored repeat rules that cannot be expanded (ADR 45), logged once per event and rule rather than on every page that
/// lists the event. <see cref="EventRecurrence"/> is a set of pure functions called from many places, so the logger is
/// given once at start instead of being passed through every caller.
/// </summary>
public static partial class RecurrenceProblems
{
    private static readonly ConcurrentDictionary<(long EventId, string Rule), byte> Reported = new();

    public static ILogger Logger { get; set; } = NullLogger.Instance;

    public static void Report(Event ev, Exception problem)
    {
        if (Reported.TryAdd((ev.Id, ev.Recurrence ?? ""), 0))
        {
            LogBadRule(Logger, problem, ev.Id, ev.Recurrence);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} has a repeat rule that cannot be expanded ({Rule}); it is shown on its first date only until the organizer edits it")]
    private static partial void LogBadRule(ILogger logger, Exception exception, long eventId, string? rule);
}
