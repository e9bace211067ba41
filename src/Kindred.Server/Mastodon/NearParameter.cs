using System.Globalization;
using Kindred.Core.Common;

namespace Kindred.Server.Mastodon;

/// <summary>The <c>near</c> parameter of the extension APIs that search by distance (groups, events).</summary>
public static class NearParameter
{
    /// <summary>"me" (the caller's home area), a point written "lat,lon" in degrees, or nothing.</summary>
    public static (bool NearMe, GeoPoint? Point) Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (false, null);
        }
        if (value.Trim() == "me")
        {
            return (true, null);
        }
        var parts = value.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
            {
                throw KindredException.Invalid("near", "near must be a latitude between -90 and 90 and a longitude between -180 and 180.");
            }
            return (false, new GeoPoint(lat, lon));
        }
        throw KindredException.Invalid("near", "near must be \"me\" or a point written \"latitude,longitude\".");
    }
}
