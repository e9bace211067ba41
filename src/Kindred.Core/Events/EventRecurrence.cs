using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// Recurring events (ADR 28) through Ical.Net: rules are checked on the way in and occurrences are expanded in the
/// event's own time zone, so the local start time is what repeats across daylight-saving changes.
/// </summary>
public static class EventRecurrence
{
    public const int MaxRule = 500;

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
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw KindredException.Invalid("recurrence", "The repeat rule is not a valid iCalendar RRULE (e.g. FREQ=WEEKLY;BYDAY=TU).");
        }
        if (pattern.Frequency is Ical.Net.FrequencyType.Secondly or Ical.Net.FrequencyType.Minutely or Ical.Net.FrequencyType.Hourly)
        {
            throw KindredException.Invalid("recurrence", "An event repeats at most daily.");
        }
        return pattern.ToString();
    }

    /// <summary>
    /// The starts (UTC) of the occurrences of <paramref name="ev"/> that begin in [<paramref name="fromUtc"/>,
    /// <paramref name="toUtc"/>), excepted dates left out, at most <paramref name="max"/> of them.
    /// </summary>
    public static IReadOnlyList<DateTime> Occurrences(Event ev, DateTime fromUtc, DateTime toUtc, int max = 500)
    {
        if (ev.Recurrence is null)
        {
            return ev.StartsAt >= fromUtc && ev.StartsAt < toUtc ? [ev.StartsAt] : [];
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(ev.TimeZone);
        var localStart = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(ev.StartsAt, DateTimeKind.Utc), zone);
        var calendarEvent = new CalendarEvent
        {
            DtStart = new CalDateTime(localStart, ev.TimeZone),
            RecurrenceRule = new RecurrencePattern(ev.Recurrence),
        };
        var excepted = Exceptions(ev);
        var result = new List<DateTime>();
        foreach (var occurrence in calendarEvent.GetOccurrences(new CalDateTime(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc))))
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
