namespace Kindred.Core.Common;

/// <summary>
/// Locations Kindred is allowed to keep: a home area, never an address. Coordinates are rounded before
/// they are stored, so even a database leak cannot point at someone's front door.
/// </summary>
public static class CoarseLocation
{
    /// <summary>Two decimal places: about 1.1 km north–south, less east–west away from the equator.</summary>
    public const int Decimals = 2;

    /// <summary>
    /// The side of the cells others are measured against, in hundredths of a degree (ADR 43): 0.05°, about 5.6 km
    /// north–south and 3.7 km east–west around Paris. Every distance, band, radius filter, order and suggestion that
    /// involves someone else's place uses the centre of its cell, so none of them can locate it more precisely.
    /// </summary>
    public const int CellHundredths = 5;

    /// <summary>How far (km) a stored point can lie from its cell's centre, rounded up: half a cell's diagonal.</summary>
    public const double CellMarginKm = 4;

    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Validates and rounds a coordinate pair to <see cref="Decimals"/> places.</summary>
    /// <exception cref="KindredException">Invalid, with field "latitude" or "longitude", when out of range.</exception>
    public static (double Lat, double Lon) Round(double lat, double lon)
    {
        // The negated comparisons also reject NaN.
        if (!(lat >= -90 && lat <= 90))
        {
            throw KindredException.Invalid("latitude", "Latitude must be between -90 and 90.");
        }

        if (!(lon >= -180 && lon <= 180))
        {
            throw KindredException.Invalid("longitude", "Longitude must be between -180 and 180.");
        }

        return (Math.Round(lat, Decimals, MidpointRounding.AwayFromZero), Math.Round(lon, Decimals, MidpointRounding.AwayFromZero));
    }

    /// <summary>Great-circle distance in kilometres (haversine on a spherical Earth, within 0.5 % of the real thing).</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = ToRadians(lat2 - lat1);
        var dLon = ToRadians(lon2 - lon1);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));

        // Rounding can push h a hair above 1 for antipodal points, which would make Asin return NaN.
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1, h)));
    }

    /// <summary>The centre of the cell that holds a stored (two-decimal) point.</summary>
    public static GeoPoint Cell(GeoPoint point) => new(CellCentre(point.Lat), CellCentre(point.Lon));

    /// <summary>The great-circle distance (km) between the centres of the cells of two points: all others may learn.</summary>
    public static double CellDistanceKm(GeoPoint a, GeoPoint b) => Cell(a).DistanceKm(Cell(b));

    /// <summary>The band between the cells of two points.</summary>
    public static DistanceBand Band(GeoPoint a, GeoPoint b) => DistanceBand.Of(CellDistanceKm(a, b));

    // Whole hundredths first, so 48.85 is cell 977 and not 976.999… of floating point.
    private static double CellCentre(double degrees) =>
        (Math.Floor(Math.Round(degrees * 100) / CellHundredths) * CellHundredths + (CellHundredths / 2.0)) / 100;

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
