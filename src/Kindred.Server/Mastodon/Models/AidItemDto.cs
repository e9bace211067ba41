namespace Kindred.Server.Mastodon.Models;

/// <summary>
/// A request for help or an offer of it (Kindred extension, ADR 29). Never carries a contact detail; the coarse
/// coordinates are given to the owner only, everyone else gets the distance from their own home area.
/// </summary>
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
