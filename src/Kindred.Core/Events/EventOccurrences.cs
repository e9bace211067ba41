using System.Globalization;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// Naming one occurrence of an event: the next one, or a start a client sends, which must be a real occurrence of the
/// series (not excepted) and not over. Pure functions over <see cref="EventRecurrence"/>.
/// </summary>
public static class EventOccurrences
{
    /// <summary>How far ahead "the next occurrence" is looked for.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(2 * 366);

    public static TimeSpan Duration(Event ev) => ev.EndsAt - ev.StartsAt;

    /// <summary>The first occurrence that has not ended at <paramref name="now"/>, or null when the series is over.</summary>
    public static DateTime? Next(Event ev, DateTime now)
    {
        var found = EventRecurrence.Occurrences(ev, now - Duration(ev) + TimeSpan.FromTicks(1), now + Horizon, 1);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Whether <paramref name="startUtc"/> is the start of an occurrence of the series.</summary>
    public static bool IsOccurrence(Event ev, DateTime startUtc) =>
        EventRecurrence.Occurrences(ev, startUtc, startUtc + TimeSpan.FromSeconds(1), 1) is [var only] && only == startUtc;

    /// <summary>
    /// The occurrence a member answers for or an organizer acts on: the requested start when it is a real occurrence that
    /// has not ended, otherwise the next one.
    /// </summary>
    /// <exception cref="KindredException">Invalid ("occurrence") when the start is not an occurrence, is over, or the series has ended.</exception>
    public static DateTime RequireUpcoming(Event ev, DateTimeOffset? requested, DateTime now)
    {
        if (requested is not { } asked)
        {
            return Next(ev, now) ?? throw KindredException.Invalid("occurrence", "This event has no upcoming date.");
        }
        var start = asked.UtcDateTime;
        if (!IsOccurrence(ev, start))
        {
            throw KindredException.Invalid("occurrence", "The event does not take place at that time.");
        }
        if (start + Duration(ev) <= now)
        {
            throw KindredException.Invalid("occurrence", "That date of the event is over.");
        }
        return start;
    }

    /// <summary>The local start time in the event's zone as it is written in <see cref="Event.RecurrenceExceptions"/>.</summary>
    public static string LocalKey(Event ev, DateTime startUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(ev.TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), zone);
        return local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>An instant shown in the event's own time zone.</summary>
    public static DateTime Local(Event ev, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(ev.TimeZone));
}
