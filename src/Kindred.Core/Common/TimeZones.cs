namespace Kindred.Core.Common;

/// <summary>The one reader of a stored time zone id (a member's, an event's, the organization's).</summary>
public static class TimeZones
{
    /// <summary>The zone the id names, else <paramref name="fallback"/> (the organization's, ADR 55), else UTC: an id
    /// that is unset or unknown on this machine never fails a page or a mail.</summary>
    public static TimeZoneInfo Find(string? id, TimeZoneInfo? fallback = null) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : fallback ?? TimeZoneInfo.Utc;
}
