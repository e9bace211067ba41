using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// Recurring events (ADR 28) through Ical.Net: rules are checked on the way in and occurrences are expanded in the
/// event's own time zone, so the local start time is what repeats across daylight-saving changes. A rule must produce a
/// date soon after its start, within a bounded amount of work (ADR 45); a stored rule that cannot be expanded (older
/// data) is read as a single occurrence and reported once, so one event never takes a page down.
/// </summary>
public static class EventRecurrence
{
    public const int MaxRule = 500;
    public const int MaxCount = 1_000;
    public const int MaxInterval = 99;

    /// <summary>
    /// How many candidate dates in a row Ical.Net may reject before it gives up. Without it, a rule that never matches
    /// (30 February) is stepped through to the year 9999 on every read, seconds of CPU, and then throws. Real rules
    /// reject a few in a row (29 February in yearly steps: 3; the 31st in monthly steps: 1).
    /// </summary>
    public const int MaxUnmatched = 1_000;

    private static readonly EvaluationOptions Bounded = new() { MaxUnmatchedIncrementsLimit = MaxUnmatched };

    /// <summary>A rule accepted by RFC 5545's grammar, upper-cased and without an "RRULE:" prefix; null for none.</summary>
    public static string? Normalize(string? rule)
    {
        var clean = (rule ?? "").Trim();
        if (clean.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            clean = clean[6..];
        }
        if (clean.Length == 0)
        {
            return null;
        }
        if (clean.Length > MaxRule)
        {
            throw KindredException.Invalid("recurrence", $"The repeat rule is too long (at most {MaxRule} characters).");
        }
        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(clean.ToUpperInvariant());
        }
        // Ical.Net parses INTERVAL and COUNT with int.Parse: a number past int's range overflows (found by fuzzing, ADR 54).
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            throw KindredException.Invalid("recurrence", "The repeat rule is not a valid iCalendar RRULE (e.g. FREQ=WEEKLY;BYDAY=TU).");
        }
        if (pattern.Frequency is Ical.Net.FrequencyType.Secondly or Ical.Net.FrequencyType.Minutely or Ical.Net.FrequencyType.Hourly
            || pattern.ByHour.Count > 1 || pattern.ByMinute.Count > 1 || pattern.BySecond.Count > 1)
        {
            throw KindredException.Invalid("recurrence", "An event repeats at most daily.");
        }
        if (pattern.Count > MaxCount)
        {
            throw KindredException.Invalid("recurrence", $"A series has at most {MaxCount} dates (COUNT).");
        }
        if (pattern.Interval > MaxInterval)
        {
            throw KindredException.Invalid("recurrence", $"The repeat interval is at most {MaxInterval} (INTERVAL).");
        }
        return pattern.ToString();
    }

    /// <summary>
    /// Checks that a (normalized) rule gives at least one date within <see cref="EventOccurrences.Horizon"/> of the start,
    /// finding it within the bounded work every read gets.
    /// </summary>
    /// <exception cref="KindredException">Invalid ("recurrence") when it gives none, or when working it out costs too much.</exception>
    public static void RequireOccurs(string rule, DateTime startUtc, string timeZone)
    {
        try
        {
            var first = Expand(rule, startUtc, timeZone, startUtc).Select(o => (DateTime?)o.Period.StartTime.AsUtc).FirstOrDefault();
            if (first is not { } date || date >= startUtc + EventOccurrences.Horizon)
            {
                throw KindredException.Invalid("recurrence", "The repeat rule gives no date in the two years after the start (e.g. 30 February, or an end before the start).");
            }
        }
        catch (EvaluationException)
        {
            throw KindredException.Invalid("recurrence", "The repeat rule gives no date, or too few to work out (e.g. 30 February). Choose a simpler rule.");
        }
    }

    /// <summary>
    /// The starts (UTC) of the occurrences of <paramref name="ev"/> that begin in [<paramref name="fromUtc"/>,
    /// <paramref name="toUtc"/>), excepted dates left out, at most <paramref name="max"/> of them.
    /// </summary>
    public static IReadOnlyList<DateTime> Occurrences(Event ev, DateTime fromUtc, DateTime toUtc, int max = 500)
    {
        if (ev.Recurrence is null)
        {
            return Single(ev, fromUtc, toUtc);
        }
        try
        {
            return Expanded(ev, fromUtc, toUtc, max);
        }
        catch (Exception e) when (e is EvaluationException or ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            // Older data written before rules were checked (ADR 45): the event still shows, on its first date.
            RecurrenceProblems.Report(ev, e);
            return Single(ev, fromUtc, toUtc);
        }
    }

    /// <summary>Whether the stored rule of a series can be expanded; false for an event that does not repeat.</summary>
    public static bool IsUsable(Event ev)
    {
        if (ev.Recurrence is null)
        {
            return false;
        }
        try
        {
            _ = Expanded(ev, ev.StartsAt, ev.StartsAt.AddTicks(1), 1);
            return true;
        }
        catch (Exception e) when (e is EvaluationException or ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            RecurrenceProblems.Report(ev, e);
            return false;
        }
    }

    private static List<DateTime> Single(Event ev, DateTime fromUtc, DateTime toUtc) =>
        ev.StartsAt >= fromUtc && ev.StartsAt < toUtc ? [ev.StartsAt] : [];

    private static IEnumerable<Occurrence> Expand(string rule, DateTime startUtc, string timeZone, DateTime fromUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var localStart = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), zone);
        var calendarEvent = new CalendarEvent
        {
            DtStart = new CalDateTime(localStart, timeZone),
            RecurrenceRule = new RecurrencePattern(rule),
        };
        return calendarEvent.GetOccurrences(new CalDateTime(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc)), Bounded);
    }

    private static List<DateTime> Expanded(Event ev, DateTime fromUtc, DateTime toUtc, int max)
    {
        var excepted = Exceptions(ev);
        var result = new List<DateTime>();
        foreach (var occurrence in Expand(ev.Recurrence!, ev.StartsAt, ev.TimeZone, fromUtc))
        {
            var start = occurrence.Period.StartTime.AsUtc;
            if (start >= toUtc || result.Count >= max)
            {
                break;
            }
            var local = occurrence.Period.StartTime.Value;
            if (start >= fromUtc && !excepted.Contains(local.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)))
            {
                result.Add(start);
            }
        }
        return result;
    }

    private static HashSet<string> Exceptions(Event ev) =>
        (ev.RecurrenceExceptions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
