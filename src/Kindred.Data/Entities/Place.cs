namespace Kindred.Data.Entities;

/// <summary>
/// A named area the organization defines (ADR 88): members, groups, events and aid items pick one by its name, and its
/// coarse centre becomes their point for distances. The centre is rounded like every stored location, so a place is
/// never more precise than a typed home area could be.
/// </summary>
public class Place
{
    public long Id { get; set; }

    /// <summary>"Verdun", "Lyon 3e", "H4G": unique among the places with the same parent, whatever the case.</summary>
    public required string Name { get; set; }

    public PlaceKind Kind { get; set; }

    /// <summary>The larger place this one lies in ("Montréal" for "Verdun"); removing the parent leaves this one on its own.</summary>
    public long? ParentId { get; set; }
    public Place? Parent { get; set; }

    /// <summary>Rounded to two decimals (Kindred.Core.Common.CoarseLocation).</summary>
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
