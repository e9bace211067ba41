using Kindred.Server.Mastodon.Models;
namespace Kindred.Server.KindredApi.Models;

/// <summary>
/// Kindred's full event (ADR 28) for its /api/v1/kindred/events API, at one occurrence. <see cref="Address"/> and
/// <see cref="OnlineUrl"/> are null unless the caller manages the event or is going (<see cref="PrivateDetails"/>).
/// </summary>
public sealed record KindredEvent
{
    public required string Id { get; init; }
    public string? StatusId { get; init; }
    public required string Url { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string DescriptionHtml { get; init; }
    public required string StartTime { get; init; }
    public required string EndTime { get; init; }
    public required string TimeZone { get; init; }
    public string? Recurrence { get; init; }
    public IReadOnlyList<string> RecurrenceExceptions { get; init; } = [];
    public string? OccurrenceStart { get; init; }
    public string? OccurrenceEnd { get; init; }
    public required string Mode { get; init; }
    public string? PlaceName { get; init; }
    public string? Address { get; init; }
    public string? AreaName { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? OnlineUrl { get; init; }
    public int? Capacity { get; init; }
    public int GoingCount { get; init; }
    public int WaitlistCount { get; init; }
    public string? MyResponse { get; init; }

    /// <summary>The caller's place on the waiting list (1 is served first) when they are on it; only on single-event answers.</summary>
    public int? WaitlistPosition { get; init; }
    public required string Visibility { get; init; }
    public string? GroupId { get; init; }
    public required MastodonAccount Organizer { get; init; }
    public IReadOnlyList<string> Questions { get; init; } = [];
    public bool CanManage { get; init; }
    public bool PrivateDetails { get; init; }
    public double? DistanceKm { get; init; }
    public string? CancelledAt { get; init; }
    public required string CreatedAt { get; init; }
}
