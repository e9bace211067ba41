using Kindred.Data.Entities;

namespace Kindred.Core.Places;

/// <summary>A place as pages and pickers show it: its name, what it is, the larger place it lies in and its coarse centre.</summary>
public sealed record PlaceView(long Id, string Name, PlaceKind Kind, long? ParentId, string? ParentName, double Latitude, double Longitude)
{
    /// <summary>"Verdun, Montréal": the name a picker offers and an item shows, so two places of one name differ.</summary>
    public string Label => ParentName is null || Name.Length + ParentName.Length + 2 > PlaceNames.MaxLabel ? Name : $"{Name}, {ParentName}";
}
