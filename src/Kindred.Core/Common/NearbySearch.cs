using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Common;

/// <summary>
/// The filters the group directory and the event list share (ADR 83): offset paging, the radius, and where "near" is
/// measured from (the member's own home area, never anyone else's, or a point given, rounded to its cell as ADR 43 asks).
/// </summary>
public static class NearbySearch
{
    /// <summary>Offset paging ends here; a list this deep is better narrowed with a filter.</summary>
    public const int MaxOffset = 1_000;
    public const int DefaultRadiusKm = 25;
    public const int MinRadiusKm = 1;
    public const int MaxRadiusKm = 500;

    /// <summary>The radius to search, after checking it and the offset; "invalid" names the field that is out of range.</summary>
    public static int CheckedRadius(int offset, int? radiusKm)
    {
        if (offset is < 0 or > MaxOffset)
        {
            throw KindredException.Invalid("offset", $"offset must be between 0 and {MaxOffset}.");
        }
        var radius = radiusKm ?? DefaultRadiusKm;
        if (radius is < MinRadiusKm or > MaxRadiusKm)
        {
            throw KindredException.Invalid("radius", $"The radius must be between {MinRadiusKm} and {MaxRadiusKm} km.");
        }
        return radius;
    }

    /// <summary>
    /// Where distances are measured from: the viewer's home with <paramref name="nearMe"/> ("invalid" on "near" without
    /// one, its message naming <paramref name="things"/>, as "events"), else <paramref name="point"/> rounded, else nowhere.
    /// </summary>
    public static async Task<GeoPoint?> OriginAsync(KindredDbContext db, long? viewerId, bool nearMe, GeoPoint? point, string things, CancellationToken ct = default)
    {
        if (nearMe)
        {
            return await HomeAsync(db, viewerId, ct)
                ?? throw KindredException.Invalid("near", viewerId is null
                    ? $"Sign in to find {things} near you."
                    : $"Add your home area to your profile to find {things} near you.");
        }
        if (point is { } p)
        {
            var (lat, lon) = CoarseLocation.Round(p.Lat, p.Lon);
            return new GeoPoint(lat, lon);
        }
        return null;
    }

    /// <summary>A member's home area, when their profile has one. Only the member themself is measured from it.</summary>
    public static async Task<GeoPoint?> HomeAsync(KindredDbContext db, long? viewerId, CancellationToken ct = default)
    {
        if (viewerId is not { } me)
        {
            return null;
        }
        var home = await db.Accounts.Where(a => a.Id == me && a.Latitude != null && a.Longitude != null)
            .Select(a => new { Lat = a.Latitude!.Value, Lon = a.Longitude!.Value })
            .FirstOrDefaultAsync(ct);
        return home is null ? null : new GeoPoint(home.Lat, home.Lon);
    }
}
