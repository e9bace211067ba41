namespace Kindred.Core.Common;

/// <summary>
/// A latitude/longitude box that holds every point within a distance of a centre: the cheap prefilter a database can
/// answer from an index before <see cref="CoarseLocation.DistanceKm"/> decides exactly (ADR 22). The box is always a
/// little too big, never too small, so the prefilter can only let extra rows through, never lose one.
/// </summary>
/// <param name="MinLat">Southern edge, never below -90.</param>
/// <param name="MaxLat">Northern edge, never above 90.</param>
/// <param name="AllLongitudes">True when the circle reaches a pole (or nearly wraps the Earth): every longitude counts.</param>
/// <param name="West1">First longitude interval; when the box crosses the antimeridian it ends at 180.</param>
/// <param name="East1">End of the first interval.</param>
/// <param name="West2">Second interval, from -180, used only across the antimeridian; otherwise empty (West2 &gt; East2).</param>
/// <param name="East2">End of the second interval.</param>
public readonly record struct GeoBox(double MinLat, double MaxLat, bool AllLongitudes, double West1, double East1, double West2, double East2)
{
    /// <summary>
    /// Kilometres per degree used to size the box. A degree of latitude is 111.195 km on the sphere the haversine uses;
    /// a smaller figure makes the box slightly larger (about 0.2 %), which also absorbs rounding at its edges. The often
    /// quoted 111.32 (a degree of longitude at the equator) would make the box a hair smaller than the circle.
    /// </summary>
    public const double KmPerDegree = 111.0;

    /// <summary>The box around (<paramref name="lat"/>, <paramref name="lon"/>) that contains the whole circle of <paramref name="radiusKm"/>.</summary>
    public static GeoBox Around(double lat, double lon, double radiusKm)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radiusKm);
        var dLat = radiusKm / KmPerDegree;
        var minLat = lat - dLat;
        var maxLat = lat + dLat;
        if (minLat <= -90 || maxLat >= 90)
        {
            // A pole is inside the circle: every meridian passes through it.
            return new GeoBox(Math.Max(minLat, -90), Math.Min(maxLat, 90), true, -180, 180, 1, 0);
        }

        // The widest longitude the circle reaches (the tangent meridians), exact on a sphere for an angular radius dLat.
        var ratio = Math.Sin(ToRadians(dLat)) / Math.Cos(ToRadians(lat));
        if (ratio >= 1)
        {
            return new GeoBox(minLat, maxLat, true, -180, 180, 1, 0);
        }

        var dLon = ToDegrees(Math.Asin(ratio));
        var west = lon - dLon;
        var east = lon + dLon;
        if (west < -180)
        {
            // Across the antimeridian on the west side: [west + 360, 180] and [-180, east].
            return new GeoBox(minLat, maxLat, false, west + 360, 180, -180, east);
        }

        if (east > 180)
        {
            return new GeoBox(minLat, maxLat, false, west, 180, -180, east - 360);
        }

        return new GeoBox(minLat, maxLat, false, west, east, 1, 0);
    }

    /// <summary>The same test the SQL prefilter makes, for unit tests and in-memory callers.</summary>
    public bool Contains(double lat, double lon) =>
        lat >= MinLat && lat <= MaxLat && (AllLongitudes || (lon >= West1 && lon <= East1) || (lon >= West2 && lon <= East2));

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;

    private static double ToDegrees(double radians) => radians * 180 / Math.PI;
}
