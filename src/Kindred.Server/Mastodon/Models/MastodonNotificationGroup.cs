namespace Kindred.Server.Mastodon.Models;

/// <summary>The NotificationGroup entity (Mastodon docs: entities/GroupedNotificationsResults#NotificationGroup), with
/// Kindred's group and aid item as on the v1 notification (ADR 79).</summary>
public sealed class MastodonNotificationGroup
{
    public required string GroupKey { get; init; }
    public int NotificationsCount { get; init; }
    public required string Type { get; init; }
    public required string MostRecentNotificationId { get; init; }
    /// <summary>Only when paging through groups, as Mastodon.</summary>
    public string? PageMinId { get; init; }
    public string? PageMaxId { get; init; }
    public string? LatestPageNotificationAt { get; init; }
    public required IReadOnlyList<string> SampleAccountIds { get; init; }
    public string? StatusId { get; init; }
    public MastodonReport? Report { get; init; }
    public MastodonGroup? Group { get; init; }
    public string? AidItemId { get; init; }
}
