namespace Kindred.Server.Mastodon.Models;

/// <summary>The NotificationPolicy entity of /api/v2/notifications/policy: "accept", "filter" or "drop" per kind of sender.</summary>
public sealed class MastodonNotificationPolicy
{
    public required string ForNotFollowing { get; init; }
    public required string ForNotFollowers { get; init; }
    public required string ForNewAccounts { get; init; }
    public required string ForPrivateMentions { get; init; }
    public required string ForLimitedAccounts { get; init; }
    public required MastodonNotificationPolicySummary Summary { get; init; }
}
