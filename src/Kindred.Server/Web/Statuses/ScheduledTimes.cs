using System.Globalization;
using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Web.Statuses;

/// <summary>Times of scheduled posts on web pages: typed and shown in the member's time zone (else the organization's),
/// with the browser's date-and-time field, which needs no script.</summary>
public static class ScheduledTimes
{
    public const string Format = "yyyy-MM-dd'T'HH:mm";

    public static async Task<TimeZoneInfo> ZoneAsync(KindredDbContext db, OrganizationSettings organization, long accountId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organization);
        var own = await db.Users.Where(u => u.Id == accountId).Select(u => u.TimeZone).FirstOrDefaultAsync();
        return TimeZones.Find(own, (await organization.GetAsync()).TimeZone);
    }

    public static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The UTC time a field's value names in <paramref name="zone"/>; a value that is no time is refused with a
    /// message for the field.</summary>
    public static DateTime Parse(string? value, TimeZoneInfo zone, string field)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!DateTime.TryParseExact(value?.Trim(), [Format, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local.Year is < 2000 or > 2200)
        {
            throw KindredException.Invalid(field, "Give the date and time to publish at.");
        }
        // A time skipped by a clock change is read as the hour after it.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }
}
