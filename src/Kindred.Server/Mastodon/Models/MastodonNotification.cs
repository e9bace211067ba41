namespace Kindred.Server.Mastodon.Models;

/// <summary>The Notification entity (Mastodon docs: entities/Notification), every key always present.</summary>
public sealed class MastodonNotification
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    /// <summary>The group it belongs to in /api/v2/notifications, or "ungrouped-{id}" when it stands alone (ADR 79).</summary>
    public required string GroupKey { get; init; }
    public required string CreatedAt { get; init; }
    public required MastodonAccount Account { get; init; }
    public MastodonStatus? Status { get; init; }
    /// <summary>Only for admin.report notifications (sent to moderators).</summary>
    public MastodonReport? Report { get; init; }
    /// <summary>Only for group_request and group_approval notifications, as Truth Social writes them (ADR 21).</summary>
    public MastodonGroup? Group { get; init; }
    /// <summary>Kindred extension: the aid item an aid_* notification is about (ADR 27), else null; clients that do not
    /// know the aid_* types ignore both.</summary>
    public string? AidItemId { get; init; }
}
