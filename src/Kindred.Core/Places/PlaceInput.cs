using Kindred.Data.Entities;

namespace Kindred.Core.Places;

/// <summary>What an admin writes for a place. A missing centre is looked up by the geocoder when one is configured.</summary>
public sealed record PlaceInput
{
    public string Name { get; init; } = "";
    public PlaceKind Kind { get; init; } = PlaceKind.Neighbourhood;

    /// <summary>The larger place's id; null for none.</summary>
    public long? ParentId { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
}
