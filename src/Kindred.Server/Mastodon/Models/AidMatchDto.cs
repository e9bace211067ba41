namespace Kindred.Server.Mastodon.Models;

/// <summary>One suggested item, best first; distance_km is rounded to a kilometre and null when either side has no area.</summary>
public sealed record AidMatchDto(string Id, string Kind, string Category, string Title, string? AreaName, string Username, double? DistanceKm, double Score, string Url);
