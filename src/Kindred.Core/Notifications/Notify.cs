using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>
/// The one writer of notifications, for the caller's SaveChanges, so they exist exactly when the action does. Nobody
/// is told about their own action, nor by an account blocked either way, nor by one they mute with notifications, nor
/// about a status they may not read. Reading re-checks the status, since visibility can change later. Only
/// <see cref="AddRegardless"/> skips that rule, for the few notifications that must arrive whatever the recipient's
/// blocks and mutes say. A scoped service on the caller's DbContext (ADR 62): <c>notify.AddAsync(now, …)</c>.
/// </summary>
public sealed class Notify(KindredDbContext db)
{
    /// <param name="statusReadable">True when the caller knows the recipient may read the status (e.g. a new post
    /// that mentions them, not saved yet); otherwise an existing status is checked with <see cref="StatusVisibility"/>.</param>
    /// <returns>Whether a notification was added.</returns>
    public async Task<bool> AddAsync(DateTime now, string type, long recipientId, long fromId, long? statusId = null, bool statusReadable = false, CancellationToken ct = default)
    {
        if (!await WantedAsync(now, recipientId, fromId, ct))
        {
            return false;
        }
        if (statusId is { } id && !statusReadable && !await db.Statuses.VisibleTo(db, Viewer.Member(recipientId)).AnyAsync(s => s.Id == id, ct))
        {
            return false;
        }
        return AddOnce(now, type, recipientId, fromId, new NotificationAbout(StatusId: statusId));
    }

    /// <summary>A notification about a group (a request to join, an approval), for the caller's SaveChanges.</summary>
    public Task<bool> AddForGroupAsync(DateTime now, string type, long recipientId, long fromId, long groupId, CancellationToken ct = default) =>
        AddAboutAsync(now, type, recipientId, fromId, new NotificationAbout(GroupId: groupId), ct);

    /// <summary>
    /// A notification about an event (an update, a cancellation, a place that freed up), for the caller's SaveChanges.
    /// Reading re-checks that the recipient may still see the event (<see cref="NotificationQueries"/>).
    /// </summary>
    public Task<bool> AddForEventAsync(DateTime now, string type, long recipientId, long fromId, long eventId, CancellationToken ct = default) =>
        AddAboutAsync(now, type, recipientId, fromId, new NotificationAbout(EventId: eventId), ct);

    /// <summary>
    /// A notification about an aid item (an answer, a message, a match), for the caller's SaveChanges; it disappears
    /// when the item may no longer be seen (<see cref="NotificationQueries"/>).
    /// </summary>
    public Task<bool> AddForAidItemAsync(DateTime now, string type, long recipientId, long fromId, long aidItemId, CancellationToken ct = default) =>
        AddAboutAsync(now, type, recipientId, fromId, new NotificationAbout(AidItemId: aidItemId), ct);

    /// <summary>
    /// A notification past blocks and mutes, for the caller's SaveChanges. Only for what must arrive whatever the
    /// recipient chose about the sender: a duty (a report for moderators, a safeguarding alert for leads), a reminder
    /// about the recipient's own thing (it comes "from" them, as Mastodon's poll notifications do), or an event
    /// reminder whose caller has checked the recipient may still see the event.
    /// </summary>
    public void AddRegardless(DateTime now, string type, long recipientId, long fromId, NotificationAbout about) =>
        db.Notifications.Add(Build(now, type, recipientId, fromId, about));

    /// <summary><see cref="AddRegardless(DateTime, string, long, long, NotificationAbout)"/> for many recipients at once.</summary>
    public void AddRegardless(DateTime now, string type, IEnumerable<long> recipientIds, long fromId, NotificationAbout about) =>
        db.Notifications.AddRange(recipientIds.Select(id => Build(now, type, id, fromId, about)));

    /// <summary>
    /// The rule, then one per recipient, sender, type and thing within a SaveChanges, so a fan-out loop that meets
    /// someone twice tells them once.
    /// </summary>
    private async Task<bool> AddAboutAsync(DateTime now, string type, long recipientId, long fromId, NotificationAbout about, CancellationToken ct) =>
        await WantedAsync(now, recipientId, fromId, ct) && AddOnce(now, type, recipientId, fromId, about);

    private bool AddOnce(DateTime now, string type, long recipientId, long fromId, NotificationAbout about)
    {
        if (db.Notifications.Local.Any(n => n.AccountId == recipientId && n.FromAccountId == fromId && n.Type == type
            && n.StatusId == about.StatusId && n.GroupId == about.GroupId && n.EventId == about.EventId
            && n.AidItemId == about.AidItemId && n.ReportId == about.ReportId))
        {
            return false;
        }
        db.Notifications.Add(Build(now, type, recipientId, fromId, about));
        return true;
    }

    private static Notification Build(DateTime now, string type, long recipientId, long fromId, NotificationAbout about) => new()
    {
        Id = Snowflake.NewId(now),
        AccountId = recipientId,
        FromAccountId = fromId,
        Type = type,
        StatusId = about.StatusId,
        GroupId = about.GroupId,
        EventId = about.EventId,
        AidItemId = about.AidItemId,
        ReportId = about.ReportId,
        CreatedAt = now,
    };

    /// <summary>The rule: not one's own action, no block either way, no live mute that hides notifications.</summary>
    private async Task<bool> WantedAsync(DateTime now, long recipientId, long fromId, CancellationToken ct) =>
        recipientId != fromId
        && !await db.Blocks.Between(recipientId, fromId).AnyAsync(ct)
        && !await db.Mutes.Live(now).AnyAsync(m => m.AccountId == recipientId && m.TargetAccountId == fromId && m.HideNotifications, ct);
}
