namespace Kindred.Server.Mastodon.Models;

/// <summary>The v1 NotificationPolicy of /api/v1/notifications/policy: true where the v2 policy does not accept.</summary>
public sealed class MastodonV1NotificationPolicy
{
    public bool FilterNotFollowing { get; init; }
    public bool FilterNotFollowers { get; init; }
    public bool FilterNewAccounts { get; init; }
    public bool FilterPrivateMentions { get; init; }
    public required MastodonNotificationPolicySummary Summary { get; init; }
}
