using System.Globalization;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Server.Web.Events;

/// <summary>
/// Event times as people read them: in the event's own time zone (a meeting in Lyon is at 19:00 Lyon time for everyone),
/// in the reader's language, with the zone named so nobody has to guess.
/// </summary>
public static class EventTimes
{
    public static DateTime Local(Event ev, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(ev));

    /// <summary>"Tuesday 1 December 2026, 19:00 – 21:00 (Europe/Paris)", the end's date repeated only when it differs.</summary>
    public static string Range(Event ev, DateTime startUtc, DateTime endUtc)
    {
        var start = Local(ev, startUtc);
        var end = Local(ev, endUtc);
        var culture = CultureInfo.CurrentCulture;
        var from = start.ToString("D", culture) + ", " + start.ToString("t", culture);
        var to = end.Date == start.Date ? end.ToString("t", culture) : end.ToString("D", culture) + ", " + end.ToString("t", culture);
        return $"{from} – {to} ({ev.TimeZone})";
    }

    /// <summary>The start alone, short: "Tue 1 Dec, 19:00".</summary>
    public static string Brief(Event ev, DateTime startUtc)
    {
        var start = Local(ev, startUtc);
        var culture = CultureInfo.CurrentCulture;
        return start.ToString("ddd d MMM", culture) + ", " + start.ToString("t", culture);
    }

    /// <summary>The machine-readable instant for a time element's datetime attribute.</summary>
    public static string Iso(DateTime utc) => IsoTime.Format(utc);

    /// <summary>An occurrence in a link's query string (?at=…), parsed back by <see cref="TryParseAt"/>.</summary>
    public static string At(DateTime utc) => Uri.EscapeDataString(Iso(utc));

    public static bool TryParseAt(string? text, out DateTimeOffset at) => IsoTime.TryParse(text, out at);

    private static TimeZoneInfo Zone(Event ev) => TimeZones.Find(ev.TimeZone);
}
