using System.Globalization;
using System.Text.RegularExpressions;

namespace Kindred.Core.Common;

/// <summary>
/// Times as one reader reads them (ADR 84): converted to their zone and written in their culture's date order, with a
/// month name so "07/12" is never read the wrong way round. Pages, mails and downloads all write times through this.
/// </summary>
public sealed partial class TimeFormat(TimeZoneInfo zone, CultureInfo culture)
{
    /// <summary>The zone the reader's times are written in.</summary>
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The culture that decides the order and the words (en-CA, en-GB, en-US, fr-CA, fr-FR, ...).</summary>
    public CultureInfo Culture { get; } = culture;

    /// <summary>The culture's long date without the weekday and with a short month: "Dec 7, 2026", "7 Dec 2026",
    /// "7 déc. 2026". .NET has no medium date pattern, so it is cut from the long one, which keeps the culture's order.</summary>
    private readonly string datePattern = MediumDate(culture);

    /// <summary>The instant on the reader's clock.</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>"Dec 7, 2026" (en-US), "7 Dec 2026" (en-GB), "7 déc. 2026" (fr-FR).</summary>
    public string Date(DateTime utc) => Local(utc).ToString(datePattern, Culture);

    /// <summary>A calendar day that is not an instant (an aid item's start, a week's Monday): no zone to convert.</summary>
    public string Day(DateOnly day) => day.ToString(datePattern, Culture);

    /// <summary>"2:55 PM" (en-US), "14:55" (en-GB, fr-FR), "14 h 55" (fr-CA).</summary>
    public string Time(DateTime utc) => Local(utc).ToString(Culture.DateTimeFormat.ShortTimePattern, Culture);

    /// <summary>Date and time: "Dec 7, 2026, 2:55 PM", "7 déc. 2026, 14:55".</summary>
    public string DateAndTime(DateTime utc) => Date(utc) + ", " + Time(utc);

    /// <summary>The exact time with its weekday and zone, for a hover title: "Monday, December 7, 2026, 2:55 PM (America/New_York)".</summary>
    public string Exact(DateTime utc)
    {
        var local = Local(utc);
        return local.ToString(Culture.DateTimeFormat.LongDatePattern, Culture) + ", " + Time(utc) + " (" + Zone.Id + ")";
    }

    /// <summary>A local clock time (already in whichever zone it belongs to, such as an event's) with its weekday, short:
    /// "Tue, Dec 1, 7:00 PM" where the month comes first, "mar. 1 déc., 19:00" where the day does.</summary>
    public string Brief(DateTime local)
    {
        var day = datePattern.StartsWith('M') ? "ddd, MMM d" : "ddd d MMM";
        return local.ToString(day, Culture) + ", " + local.ToString(Culture.DateTimeFormat.ShortTimePattern, Culture);
    }

    /// <summary>The machine-readable instant for a time element's datetime attribute and for downloads.</summary>
    public static string Iso(DateTime utc) =>
        System.DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A download's cell (ADR 84): the local time in <paramref name="zone"/> as a spreadsheet reads it,
    /// "2026-12-07 09:55"; the column's header names the zone (<see cref="Column"/>).</summary>
    public static string Cell(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A download's time column: "joined_at (Europe/Paris)".</summary>
    public static string Column(string name, TimeZoneInfo zone) => $"{name} ({zone.Id})";

    /// <summary>True when <paramref name="otherZoneId"/> names another zone than the reader's (an event elsewhere).</summary>
    public bool IsOtherZone(string? otherZoneId) => !TimeZones.SameZone(TimeZones.Find(otherZoneId), Zone);

    private static string MediumDate(CultureInfo culture)
    {
        var pattern = Weekday().Replace(culture.DateTimeFormat.LongDatePattern, "").Trim();
        // A long month ("MMMM") becomes a short one; a pattern already short keeps its own.
        return pattern.Replace("MMMM", "MMM", StringComparison.Ordinal);
    }

    // The weekday and whatever punctuation follows or precedes it: "dddd, " (en-US), "dddd " (fr), ", dddd" elsewhere.
    [GeneratedRegex(@"dddd[,\s]*|[,\s]*dddd")]
    private static partial Regex Weekday();
}
