using System.Diagnostics;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Data.Entities;

namespace Kindred.Fuzz;

/// <summary>
/// Repeat rules (ADR 28, 45): <see cref="EventRecurrence.Normalize"/> refuses or accepts, an accepted rule that
/// <see cref="EventRecurrence.RequireOccurs"/> lets through gives a date, and every reader survives any stored rule
/// (one that was never checked included), each within a bounded time. The first byte picks a zone and a start on a
/// daylight-saving change, a leap day or a year's end.
/// </summary>
public static class RecurrenceTarget
{
    /// <summary>Far above the milliseconds a real rule takes; afl-fuzz's own timeout catches a rule that hangs.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private static readonly string[] Zones = ["Europe/Paris", "America/New_York", "Pacific/Chatham", "Australia/Lord_Howe", "UTC", "Asia/Kathmandu"];

    private static readonly DateTime[] Starts =
    [
        new(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc),
        new(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc),
        new(2028, 2, 29, 12, 0, 0, DateTimeKind.Utc),
        new(2026, 12, 31, 23, 0, 0, DateTimeKind.Utc),
    ];

    public static void Run(byte[] data)
    {
        var pick = data.Length == 0 ? 0 : data[0];
        var zone = Zones[pick % Zones.Length];
        var start = Starts[pick / Zones.Length % Starts.Length];
        var raw = FuzzInput.Text(data.AsSpan(Math.Min(1, data.Length)).ToArray());
        var end = start + EventOccurrences.Horizon;

        // Stored before rules were checked (or changed by hand): read as it is, never an exception.
        var stored = Event(zone, start, raw.Length <= EventRecurrence.MaxRule ? raw : raw[..EventRecurrence.MaxRule]);
        Timed(() => EventRecurrence.Occurrences(stored, start, end), "reading a stored rule");
        Timed(() => EventRecurrence.IsUsable(stored), "checking a stored rule");

        var rule = Timed(() => Refusal.Allow(() => EventRecurrence.Normalize(raw), ErrorKind.Invalid), "normalizing");
        if (rule is null)
        {
            return;
        }
        Promise.Holds(EventRecurrence.Normalize(rule) == rule, "a normalized rule normalizes to itself");
        var occurs = Timed(() => Refusal.Allow(() => EventRecurrence.RequireOccurs(rule, start, zone), ErrorKind.Invalid), "checking a new rule");
        var ev = Event(zone, start, rule);
        var starts = Timed(() => EventRecurrence.Occurrences(ev, start, end), "expanding a rule");
        Promise.Holds(!occurs || starts.Count > 0, "a rule that RequireOccurs accepted gives a date within the horizon");
        Promise.Holds(starts.Count <= 500 && starts.All(s => s >= start && s < end), "occurrences are in the window asked for, at most max");
        Promise.Holds(starts.Zip(starts.Skip(1)).All(p => p.First < p.Second), "occurrences are in order, without repeats");
    }

    private static Event Event(string zone, DateTime start, string? rule) => new()
    {
        Id = 1,
        Title = "Fuzzed",
        TimeZone = zone,
        StartsAt = start,
        EndsAt = start.AddHours(2),
        Recurrence = rule,
    };

    private static T Timed<T>(Func<T> work, string what)
    {
        var watch = Stopwatch.StartNew();
        var result = work();
        Promise.Holds(watch.Elapsed < Bound, $"{what} returns within {Bound.TotalSeconds} s (took {watch.Elapsed.TotalSeconds:0.00} s)");
        return result;
    }
}
