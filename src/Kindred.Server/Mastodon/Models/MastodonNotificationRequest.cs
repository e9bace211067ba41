namespace Kindred.Server.Mastodon.Models;

/// <summary>The NotificationRequest entity: one sender's held-back notifications; the id is the sender's account id (ADR 79).</summary>
public sealed class MastodonNotificationRequest
{
    public required string Id { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }
    public required MastodonAccount Account { get; init; }
    /// <summary>A string, as Mastodon writes it.</summary>
    public required string NotificationsCount { get; init; }
    public MastodonStatus? LastStatus { get; init; }
}
