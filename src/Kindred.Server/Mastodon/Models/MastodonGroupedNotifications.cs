namespace Kindred.Server.Mastodon.Models;

/// <summary>The GroupedNotificationsResults entity: each account and status once, the groups pointing at them by id.</summary>
public sealed class MastodonGroupedNotifications
{
    public required IReadOnlyList<MastodonAccount> Accounts { get; init; }
    /// <summary>Only with expand_accounts=partial_avatars, as Mastodon.</summary>
    public IReadOnlyList<MastodonPartialAccount>? PartialAccounts { get; init; }
    public required IReadOnlyList<MastodonStatus> Statuses { get; init; }
    public required IReadOnlyList<MastodonNotificationGroup> NotificationGroups { get; init; }
}
