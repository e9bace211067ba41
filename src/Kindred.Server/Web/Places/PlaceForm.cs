using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Places;
using Kindred.Data.Entities;

namespace Kindred.Server.Web.Places;

/// <summary>The admin's place form as typed; numbers stay text until sent, so a typo is an error beside its field.</summary>
public sealed class PlaceForm
{
    public string? Name { get; set; }
    public PlaceKind Kind { get; set; } = PlaceKind.Neighbourhood;

    /// <summary>The larger place, by name.</summary>
    public string? Parent { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }

    public static PlaceForm From(PlaceView place) => new()
    {
        Name = place.Name,
        Kind = place.Kind,
        Parent = place.ParentName,
        Latitude = place.Latitude.ToString("0.00", CultureInfo.InvariantCulture),
        Longitude = place.Longitude.ToString("0.00", CultureInfo.InvariantCulture),
    };

    // Typed with a dot or a comma: French keyboards and habits write "45,46".
    public static double? Number(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw KindredException.Invalid(field, field == "latitude"
                ? "The latitude must be a number between -90 and 90, such as 45.76."
                : "The longitude must be a number between -180 and 180, such as 4.84.");
    }
}
