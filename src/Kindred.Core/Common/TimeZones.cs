namespace Kindred.Core.Common;

/// <summary>The one reader of a stored time zone id (a member's, an event's, the organization's).</summary>
public static class TimeZones
{
    /// <summary>The zone the id names, else <paramref name="fallback"/> (the organization's, ADR 55), else UTC: an id
    /// that is unset or unknown on this machine never fails a page or a mail.</summary>
    public static TimeZoneInfo Find(string? id, TimeZoneInfo? fallback = null) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : fallback ?? TimeZoneInfo.Utc;

    /// <summary>The viewer's zone (ADR 84): their own setting, else the organization's, else the browser's hint, else UTC.</summary>
    public static TimeZoneInfo ForViewer(string? memberZoneId, string? organizationZoneId, string? browserZoneId) =>
        Find(memberZoneId, Find(organizationZoneId, Find(browserZoneId)));

    /// <summary>Two ids for one zone ("America/Montreal" is "America/Toronto") count as the same.</summary>
    public static bool SameZone(TimeZoneInfo a, TimeZoneInfo b) =>
        a.Id == b.Id || (a.BaseUtcOffset == b.BaseUtcOffset && a.HasSameRules(b));

    /// <summary>The place part of a zone id, for "10:00 (Montreal time)": "America/Argentina/Buenos_Aires" is "Buenos Aires".</summary>
    public static string City(string zoneId)
    {
        var slash = zoneId.LastIndexOf('/');
        return (slash >= 0 ? zoneId[(slash + 1)..] : zoneId).Replace('_', ' ');
    }
}
