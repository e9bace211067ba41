namespace Kindred.Core.Places;

/// <summary>What a form's area field comes to: the area name to store and the coarse point that goes with it.</summary>
public sealed record PlacePick(string AreaName, double? Latitude, double? Longitude);
