namespace Kindred.Core.Common;

/// <summary>A coarse point (degrees), such as a member's home area or a point a client asks about.</summary>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    /// <summary>Great-circle distance in kilometres to <paramref name="other"/>.</summary>
    public double DistanceKm(GeoPoint other) => CoarseLocation.DistanceKm(Lat, Lon, other.Lat, other.Lon);
}
