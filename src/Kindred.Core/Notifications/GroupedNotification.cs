using Kindred.Data.Entities;

namespace Kindred.Core.Notifications;

/// <summary>
/// One notification group as Mastodon's NotificationGroup describes it (ADR 79): its newest notification in the page,
/// how many it holds up to the page's newest, the newest senders, and the page bounds (null outside a page).
/// </summary>
public sealed record GroupedNotification(
    Notification MostRecent,
    string Key,
    int Count,
    IReadOnlyList<long> SampleAccountIds,
    long? PageMinId,
    long? PageMaxId,
    DateTime? LatestPageNotificationAt);
