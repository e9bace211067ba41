using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// Writes events as an RFC 5545 calendar with Ical.Net (ADR 34). Times are written in the event's own IANA zone with its
/// VTIMEZONE, so a weekly event at 19:00 stays at 19:00 in every calendar app across daylight-saving changes. The output
/// depends only on the events (no "now"), so the same calendar gives the same bytes and a strong ETag.
/// </summary>
public static class EventCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The calendar of <paramref name="entries"/>.</summary>
    /// <param name="name">The calendar's display name (X-WR-CALNAME), or null for a single event.</param>
    /// <param name="baseUrl">The server's public address without a trailing slash: event links and UIDs are made from it.</param>
    public static string Write(IReadOnlyList<CalendarEntry> entries, string? name, string baseUrl)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Kindred//Events//EN", Method = "PUBLISH" };
        if (name is not null)
        {
            // Read by Apple Calendar, Google Calendar and Thunderbird for a subscribed calendar's name and refresh rate.
            calendar.AddProperty("X-WR-CALNAME", Text(name));
            var refresh = new CalendarProperty("REFRESH-INTERVAL", "PT1H");
            refresh.Parameters.Add("VALUE", "DURATION");
            calendar.Properties.Add(refresh);
            calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        }
        var host = new Uri(baseUrl).Host;
        foreach (var zone in entries.Select(e => e.Event.TimeZone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            // The zone's rules from a year before its earliest event: enough for every occurrence the file names.
            var earliest = entries.Where(e => e.Event.TimeZone == zone).Min(e => e.Occurrence ?? e.Event.StartsAt);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest.AddYears(-1), includeHistoricalData: false));
        }
        foreach (var entry in entries)
        {
            calendar.Events.Add(Component(entry, baseUrl, host));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>The UID of an event (or of one occurrence of it): the same in every file, so apps update rather than duplicate.</summary>
    public static string Uid(long eventId, DateTime? occurrence, string host) =>
        occurrence is { } start
            ? $"event-{eventId.ToString(CultureInfo.InvariantCulture)}-{start.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}@{host}"
            : $"event-{eventId.ToString(CultureInfo.InvariantCulture)}@{host}";

    /// <summary>
    /// RFC 5545's SEQUENCE must grow with each significant revision. Events keep no counter; the seconds between creation
    /// and the last change (or the cancellation) grow with every edit and fit an INTEGER for 68 years.
    /// </summary>
    public static int Sequence(Event ev)
    {
        var changed = LastModified(ev);
        return (int)Math.Clamp((changed - ev.CreatedAt).TotalSeconds, 0, int.MaxValue);
    }

    /// <summary>Where the event is, as the reader may see it: the address and the online link only with private details.</summary>
    public static string? Location(Event ev, bool privateDetails)
    {
        var parts = new List<string?>();
        if (ev.Mode == EventMode.Online)
        {
            parts.Add(privateDetails ? ev.OnlineUrl : null);
            parts.Add(ev.PlaceName);
        }
        else
        {
            parts.Add(ev.PlaceName);
            parts.Add(privateDetails ? ev.Address : ev.AreaName);
        }
        var text = string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return text.Length == 0 ? (ev.Mode == EventMode.Online ? "Online" : null) : text;
    }

    private static CalendarEvent Component(CalendarEntry entry, string baseUrl, string host)
    {
        var ev = entry.Event;
        var url = $"{baseUrl}/events/{ev.Id.ToString(CultureInfo.InvariantCulture)}";
        var start = entry.Occurrence ?? ev.StartsAt;
        var modified = Utc(LastModified(ev));
        var component = new CalendarEvent
        {
            Uid = Uid(ev.Id, entry.Occurrence, host),
            Summary = Text(ev.Title),
            DtStart = Local(start, ev.TimeZone),
            DtEnd = Local(start + (ev.EndsAt - ev.StartsAt), ev.TimeZone),
            // The last revision rather than the time of writing keeps the bytes (and the ETag) stable between changes.
            DtStamp = modified,
            LastModified = modified,
            Created = Utc(ev.CreatedAt),
            Sequence = Sequence(ev),
            Url = new Uri(url),
            Status = ev.CancelledAt is null ? "CONFIRMED" : "CANCELLED",
            Location = Location(ev, entry.PrivateDetails) is { } location ? Text(location) : null,
            Description = Text(Description(ev, url)),
            Class = ev.Visibility == EventVisibility.Public ? "PUBLIC" : "PRIVATE",
        };
        // A stored rule that cannot be expanded (ADR 45) is left out: calendar apps show the first date only, as the pages do.
        if (entry.Occurrence is null && ev.Recurrence is { } rule && EventRecurrence.IsUsable(ev))
        {
            component.RecurrenceRule = new RecurrenceRule(rule);
            foreach (var excepted in Exceptions(ev))
            {
                component.ExceptionDates.Add(new CalDateTime(excepted, ev.TimeZone));
            }
        }
        return component;
    }

    private static string Description(Event ev, string url)
    {
        var text = ev.DescriptionHtml.Length > 0 ? SafeHtml.PlainText(ev.DescriptionHtml, 2_000) : "";
        return text.Length > 0 ? $"{text}\n\n{url}" : url;
    }

    /// <summary>
    /// Member text without the control characters RFC 5545 forbids in a TEXT value (all but tab; line breaks are
    /// escaped by the serializer). Written raw, one title with such a character made the whole file unreadable, for
    /// Ical.Net and calendar apps alike, so one event took a group's or the community's calendar down (afl-fuzz, ADR 54).
    /// </summary>
    public static string Text(string text) =>
        text.Any(c => char.IsControl(c) && c is not '\t' and not '\n')
            ? string.Concat(text.Where(c => !char.IsControl(c) || c is '\t' or '\n'))
            : text;

    private static DateTime LastModified(Event ev) =>
        ev.CancelledAt is { } cancelled && cancelled > ev.UpdatedAt ? cancelled : ev.UpdatedAt;

    /// <summary>The excepted local starts ("yyyy-MM-ddTHH:mm", ADR 28) that parse; others are ignored rather than fail the file.</summary>
    private static IEnumerable<DateTime> Exceptions(Event ev)
    {
        foreach (var value in (ev.RecurrenceExceptions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                yield return local;
            }
        }
    }

    private static CalDateTime Local(DateTime utc, string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zoneId);
    }

    private static CalDateTime Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), CalDateTime.UtcTzId);
}
