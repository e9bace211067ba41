using System.Globalization;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Kindred.Server.Web.Shared;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Events;

/// <summary>
/// Event times as people read them: in the event's own time zone (a meeting in Lyon is at 19:00 Lyon time for everyone),
/// in the reader's language, with the zone named when it is not the reader's own (ADR 84).
/// </summary>
public static class EventTimes
{
    public static DateTime Local(Event ev, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(ev));

    /// <summary>"Tuesday, December 1, 2026, 7:00 PM – 9:00 PM" in the event's own zone and the viewer's English or
    /// French (ADR 84), the end's date repeated only when it differs; <see cref="ZoneNote"/> names the zone when it is not the viewer's.</summary>
    public static string Range(Event ev, DateTime startUtc, DateTime endUtc, ViewerTimes times)
    {
        var start = Local(ev, startUtc);
        var end = Local(ev, endUtc);
        var culture = times.Format.Culture;
        var from = start.ToString("D", culture) + ", " + start.ToString("t", culture);
        var to = end.Date == start.Date ? end.ToString("t", culture) : end.ToString("D", culture) + ", " + end.ToString("t", culture);
        return $"{from} – {to}";
    }

    /// <summary>The start alone, short, in the event's zone: "Tue, Dec 1, 7:00 PM", "mar. 1 déc., 19:00".</summary>
    public static string Brief(Event ev, DateTime startUtc, ViewerTimes times) => times.Format.Brief(Local(ev, startUtc));

    /// <summary>" (Montreal time)" when the event's zone is not the viewer's, else nothing: a coffee in Montréal reads
    /// 10:00 for everyone, and whoever is elsewhere is told whose 10:00 it is.</summary>
    public static string ZoneNote(Event ev, ViewerTimes times, IStringLocalizer t) =>
        times.Format.IsOtherZone(ev.TimeZone) ? " (" + t["{0} time", TimeZones.City(ev.TimeZone)] + ")" : "";

    /// <summary>The machine-readable instant for a time element's datetime attribute.</summary>
    public static string Iso(DateTime utc) => IsoTime.Format(utc);

    /// <summary>An occurrence in a link's query string (?at=…), parsed back by <see cref="TryParseAt"/>.</summary>
    public static string At(DateTime utc) => Uri.EscapeDataString(Iso(utc));

    public static bool TryParseAt(string? text, out DateTimeOffset at) => IsoTime.TryParse(text, out at);

    private static TimeZoneInfo Zone(Event ev) => TimeZones.Find(ev.TimeZone);
}
