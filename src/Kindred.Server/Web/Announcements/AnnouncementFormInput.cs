using System.Globalization;
using Kindred.Core.Announcements;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Server.Web.Announcements;

/// <summary>
/// The announcement form as typed: dates and times stay text until <see cref="ToInput"/>, so a typo is an error beside
/// its field. Times are local to the staff member's time zone (their settings, else the organization's; UTC without either). All-day
/// announcements run from the start of the first day to the end of the last.
/// </summary>
public sealed class AnnouncementFormInput
{
    public string? Text { get; set; }

    /// <summary>yyyy-MM-dd, as an input type="date" sends it; blank to show from publication.</summary>
    public string? StartDate { get; set; }

    /// <summary>HH:mm; blank means the start of the day.</summary>
    public string? StartTime { get; set; }

    /// <summary>Blank to show until unpublished.</summary>
    public string? EndDate { get; set; }

    /// <summary>Blank means the end of the day.</summary>
    public string? EndTime { get; set; }
    public bool AllDay { get; set; }

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["text"] = nameof(Text),
        ["starts_at"] = nameof(StartDate),
        ["start_time"] = nameof(StartTime),
        ["ends_at"] = nameof(EndDate),
        ["end_time"] = nameof(EndTime),
    };

    public static AnnouncementFormInput From(Announcement announcement, TimeZoneInfo zone)
    {
        var input = new AnnouncementFormInput { Text = announcement.Text, AllDay = announcement.AllDay };
        if (announcement.StartsAt is { } start)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(start, zone);
            input.StartDate = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            input.StartTime = announcement.AllDay ? null : local.ToString("HH:mm", CultureInfo.InvariantCulture);
        }
        if (announcement.EndsAt is { } end)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(end, zone);
            // An all-day end is the midnight after the last day.
            input.EndDate = (announcement.AllDay ? local.AddDays(-1) : local).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            input.EndTime = announcement.AllDay ? null : local.ToString("HH:mm", CultureInfo.InvariantCulture);
        }
        return input;
    }

    public AnnouncementInput ToInput(TimeZoneInfo zone)
    {
        var start = Moment(StartDate, AllDay ? null : StartTime, "starts_at", "start_time", zone, endOfDay: false);
        var end = Moment(EndDate, AllDay ? null : EndTime, "ends_at", "end_time", zone, endOfDay: true);
        return new AnnouncementInput(Text, start, end, AllDay);
    }

    private static DateTime? Moment(string? date, string? time, string dateField, string timeField, TimeZoneInfo zone, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return string.IsNullOrWhiteSpace(time) ? null : throw KindredException.Invalid(dateField, "Give a date with the time.");
        }
        if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw KindredException.Invalid(dateField, "Dates are written 2025-06-21.");
        }
        DateTime local;
        if (string.IsNullOrWhiteSpace(time))
        {
            local = endOfDay ? day.AddDays(1).ToDateTime(TimeOnly.MinValue) : day.ToDateTime(TimeOnly.MinValue);
        }
        else if (TimeOnly.TryParseExact(time.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            local = day.ToDateTime(at);
        }
        else
        {
            throw KindredException.Invalid(timeField, "Times are written 18:30.");
        }
        if (zone.IsInvalidTime(local))
        {
            throw KindredException.Invalid(timeField, "That time does not exist on that day (the clocks change).");
        }
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }

    /// <summary>The zone <see cref="AnnouncementQueries.TimeZoneOfAsync"/> found, UTC when none or unknown.</summary>
    public static TimeZoneInfo Zone(string? id) => TimeZones.Find(id);
}
