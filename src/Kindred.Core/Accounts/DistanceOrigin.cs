using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Accounts;

/// <summary>
/// Where a member's own distances are measured from (ADR 43): their home area, but a new home area counts only once it
/// has stood for <see cref="SettlingDelay"/>. Until then the previous settled point stays the origin, so moving the home
/// area around and reading distances after each move tells nothing new: the origin changes at most once a week.
/// </summary>
public static class DistanceOrigin
{
    /// <summary>How long a new home area must stand before distances follow it.</summary>
    public static readonly TimeSpan SettlingDelay = TimeSpan.FromDays(7);

    /// <summary>The origin of the member's distances at <paramref name="now"/>; null without a home area, or while the
    /// first-ever one is still settling after an earlier removal left no settled point.</summary>
    public static GeoPoint? Of(double? lat, double? lon, double? originLat, double? originLon, DateTime? movedAt, DateTime now)
    {
        if (lat is not { } homeLat || lon is not { } homeLon)
        {
            return null;
        }
        if (movedAt is not { } moved || now - moved >= SettlingDelay)
        {
            return new GeoPoint(homeLat, homeLon);
        }
        return originLat is { } a && originLon is { } b ? new GeoPoint(a, b) : null;
    }

    /// <summary>The origin of <paramref name="accountId"/>'s distances now, or null (no account, no home area).</summary>
    public static async Task<GeoPoint?> LoadAsync(KindredDbContext db, long? accountId, DateTime now, CancellationToken ct = default)
    {
        if (accountId is not { } id)
        {
            return null;
        }
        var row = await db.Accounts.Where(a => a.Id == id)
            .Select(a => new { a.Latitude, a.Longitude, a.DistanceLatitude, a.DistanceLongitude, a.HomeMovedAt })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : Of(row.Latitude, row.Longitude, row.DistanceLatitude, row.DistanceLongitude, row.HomeMovedAt, now);
    }

    /// <summary>When distances will follow the current home area, or null when they already do.</summary>
    public static DateTime? SettlesAt(Account account, DateTime now) =>
        account.HomeMovedAt is { } moved && now - moved < SettlingDelay ? moved + SettlingDelay : null;

    /// <summary>
    /// Moves the home area to <paramref name="to"/> (null removes it). The last settled point is kept as the origin and
    /// the settling clock restarts; a member's first home area ever has nothing to hide behind and counts at once.
    /// </summary>
    public static void Move(Account account, (double Lat, double Lon)? to, DateTime now)
    {
        if (to is { } same && account.Latitude == same.Lat && account.Longitude == same.Lon)
        {
            return;
        }
        if (to is null && account.Latitude is null && account.Longitude is null)
        {
            return;
        }

        // The point distances use right now, remembered even when the home area is being removed.
        var settled = account.HomeMovedAt is not { } moved || now - moved >= SettlingDelay
            ? (account.Latitude is { } lat && account.Longitude is { } lon ? new GeoPoint(lat, lon) : (GeoPoint?)null)
            : (account.DistanceLatitude is { } oLat && account.DistanceLongitude is { } oLon ? new GeoPoint(oLat, oLon) : null);
        if (settled is { } s)
        {
            account.DistanceLatitude = s.Lat;
            account.DistanceLongitude = s.Lon;
        }

        account.Latitude = to?.Lat;
        account.Longitude = to?.Lon;
        if (to is { } first && account.DistanceLatitude is null)
        {
            account.DistanceLatitude = first.Lat;
            account.DistanceLongitude = first.Lon;
            account.HomeMovedAt = null;
            return;
        }
        account.HomeMovedAt = now;
    }
}
