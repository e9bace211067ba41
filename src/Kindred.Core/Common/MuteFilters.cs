using Kindred.Data.Entities;

namespace Kindred.Core.Common;

/// <summary>Reusable filters over mutes.</summary>
public static class MuteFilters
{
    /// <summary>Mutes still in force at <paramref name="now"/>: without an end, or ending later.</summary>
    public static IQueryable<Mute> Live(this IQueryable<Mute> mutes, DateTime now) =>
        mutes.Where(m => m.ExpiresAt == null || m.ExpiresAt > now);
}
