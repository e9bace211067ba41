using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Digests;

/// <summary>When digests are due: at a fixed hour of the member's local day, every day or every seven days (ADR 25).
/// Pure functions of the times given, so the job and the tests agree without a clock.</summary>
public static class DigestSchedule
{
    public static TimeSpan Period(DigestFrequency frequency) => frequency == DigestFrequency.Daily ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);

    /// <summary>The member's time zone, or the organization's (<paramref name="fallback"/>, ADR 55) when none is set or
    /// the id is unknown on this machine, else UTC.</summary>
    public static TimeZoneInfo Zone(string? id, TimeZoneInfo? fallback = null) => TimeZones.Find(id, fallback);

    /// <summary>The first <paramref name="hour"/>:00 in <paramref name="zone"/> strictly after <paramref name="nowUtc"/>.</summary>
    public static DateTime FirstDue(DateTime nowUtc, TimeZoneInfo zone, int hour)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone);
        var candidate = local.Date.AddHours(Math.Clamp(hour, 0, 23));
        if (candidate <= local)
        {
            candidate = candidate.AddDays(1);
        }
        return ToUtc(candidate, zone);
    }

    /// <summary>
    /// The due time after <paramref name="dueUtc"/>: the same local hour one period later (so it stays at 8 o'clock across
    /// daylight-saving changes). When the server was down so long that this is already past, the next slot after now.
    /// </summary>
    public static DateTime NextDue(DateTime dueUtc, DigestFrequency frequency, DateTime nowUtc, TimeZoneInfo zone, int hour)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc), zone);
        var candidate = ToUtc(local.Date.AddDays(Period(frequency).TotalDays).AddHours(Math.Clamp(hour, 0, 23)), zone);
        return candidate > nowUtc ? candidate : FirstDue(nowUtc, zone, hour);
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A local hour that does not exist (the spring-forward gap) is taken an hour later.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
