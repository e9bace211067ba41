namespace Kindred.Server.Mastodon.Models;

/// <summary>The Announcement entity (Mastodon docs: entities/Announcement). Kindred parses no mentions, linked posts,
/// hashtags or custom emoji out of announcements, so those lists are always empty.</summary>
public sealed record MastodonAnnouncement
{
    public required string Id { get; init; }
    public required string Content { get; init; }
    public string? StartsAt { get; init; }
    public string? EndsAt { get; init; }
    public bool Published { get; init; } = true;
    public bool AllDay { get; init; }
    public required string PublishedAt { get; init; }
    public required string UpdatedAt { get; init; }
    public bool Read { get; init; }
    public IReadOnlyList<object> Mentions { get; init; } = [];
    public IReadOnlyList<object> Statuses { get; init; } = [];
    public IReadOnlyList<object> Tags { get; init; } = [];
    public IReadOnlyList<object> Emojis { get; init; } = [];
    public required IReadOnlyList<MastodonAnnouncementReaction> Reactions { get; init; }
}
