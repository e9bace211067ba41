using Kindred.Data.Entities;
using Kindred.Server.Web.Shared;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Announcements;

/// <summary>How an announcement's state and dates read on the staff page and in the banner.</summary>
public static class AnnouncementLabels
{
    /// <summary>The text key of its state at <paramref name="now"/>.</summary>
    public static string State(Announcement a, DateTime now) =>
        a.PublishedAt is null ? "Draft"
        : a.EndsAt is { } end && end <= now ? "Ended"
        : a.StartsAt is { } start && start > now ? "Scheduled"
        : "Showing";

    /// <summary>Its dates as the reader reads every time (ADR 84); empty when it has none.</summary>
    public static string Range(Announcement a, ViewerTimes times, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(t);
        string Format(DateTime utc, bool end) =>
            // An all-day end is the midnight after its last day.
            a.AllDay ? times.Day(DateOnly.FromDateTime(times.Format.Local(utc)).AddDays(end ? -1 : 0)) : times.Text(utc);
        return (a.StartsAt, a.EndsAt) switch
        {
            ({ } s, { } e) => t["From {0} to {1}", Format(s, false), Format(e, true)],
            ({ } s, null) => t["From {0}", Format(s, false)],
            (null, { } e) => t["Until {0}", Format(e, true)],
            _ => "",
        };
    }
}
