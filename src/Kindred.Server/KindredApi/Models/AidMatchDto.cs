namespace Kindred.Server.KindredApi.Models;

/// <summary>One suggested item, best first. <c>distance_band</c> is "under_5", "5_15", "15_50", "50_150" or "farther"
/// between 0.05° cells and <c>distance_km</c> its upper edge (ADR 43); both are null when either side has no area, and
/// for a sensitive item the caller is not answering.</summary>
public sealed record AidMatchDto(string Id, string Kind, string Category, string Title, string? AreaName, string Username, double? DistanceKm, string? DistanceBand, double Score, string Url);
