namespace Kindred.Core.Common;

/// <summary>
/// Locations Kindred is allowed to keep: a home area, never an address. Coordinates are rounded before
/// they are stored, so even a database leak cannot point at someone's front door.
/// </summary>
public static class CoarseLocation
{
    /// <summary>Two decimal places: about 1.1 km north–south, less east–west away from the equator.</summary>
    public const int Decimals = 2;

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

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
