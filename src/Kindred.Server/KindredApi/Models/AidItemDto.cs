using Kindred.Server.Mastodon.Models;
namespace Kindred.Server.KindredApi.Models;

/// <summary>
/// A request for help or an offer of it (Kindred extension, ADR 29). Never carries a contact detail; the coarse
/// coordinates are given to the owner only. Everyone else gets a distance band (ADR 43): <c>distance_band</c> is
/// "under_5", "5_15", "15_50", "50_150" or "farther", measured between 0.05° cells from the viewer's settled home area
/// (a new home area counts after 7 days), and <c>distance_km</c> is the band's upper edge (5, 15, 50, 150) or null.
/// Both are null for the owner, without a place, and on a sensitive item for anyone but those answering it.
/// </summary>
/// <param name="DistanceKm">The upper edge of <paramref name="DistanceBand"/> in km, never a measured distance.</param>
/// <param name="DistanceBand">The band of the distance from the viewer's settled home area, or null.</param>
public sealed record AidItemDto(
    string Id,
    string Kind,
    AidCategoryDto Category,
    string Title,
    string Description,
    string DescriptionHtml,
    string? AreaName,
    double? Latitude,
    double? Longitude,
    double? DistanceKm,
    string? DistanceBand,
    string? StartsOn,
    string? EndsOn,
    int Availability,
    string? Urgency,
    string Audience,
    string? GroupId,
    string AnswerPolicy,
    bool Sensitive,
    string State,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime ExpiresAt,
    DateTime? EndedAt,
    string Url,
    bool Own,
    MastodonAccount Account);
