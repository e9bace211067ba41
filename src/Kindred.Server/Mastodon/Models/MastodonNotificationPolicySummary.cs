namespace Kindred.Server.Mastodon.Models;

/// <summary>Pending requests and their notifications, each counted up to 100 as Mastodon.</summary>
public sealed class MastodonNotificationPolicySummary
{
    public int PendingRequestsCount { get; init; }
    public int PendingNotificationsCount { get; init; }
}
