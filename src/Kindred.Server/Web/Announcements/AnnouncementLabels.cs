using System.Globalization;
using Kindred.Data.Entities;
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

    /// <summary>Its dates in <paramref name="zone"/>, in the reader's language; empty when it has none.</summary>
    public static string Range(Announcement a, TimeZoneInfo zone, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(t);
        string Format(DateTime utc, bool end)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
            // An all-day end is the midnight after its last day.
            return a.AllDay ? (end ? local.AddDays(-1) : local).ToString("D", CultureInfo.CurrentCulture) : local.ToString("f", CultureInfo.CurrentCulture);
        }
        return (a.StartsAt, a.EndsAt) switch
        {
            ({ } s, { } e) => t["From {0} to {1}", Format(s, false), Format(e, true)],
            ({ } s, null) => t["From {0}", Format(s, false)],
            (null, { } e) => t["Until {0}", Format(e, true)],
            _ => "",
        };
    }
}
