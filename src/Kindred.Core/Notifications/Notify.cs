using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>
/// Adds notifications for the caller's SaveChanges, so they exist exactly when the action does. Nobody is told about
/// their own action, nor by an account blocked either way, nor by one they mute with notifications, nor about a
/// status they may not read. Reading re-checks the status, since visibility can change later.
/// </summary>
public static class Notify
{
    /// <param name="statusReadable">True when the caller knows the recipient may read the status (e.g. a new post
    /// that mentions them, not saved yet); otherwise an existing status is checked with <see cref="StatusVisibility"/>.</param>
    public static async Task AddAsync(KindredDbContext db, DateTime now, string type, long recipientId, long fromId, long? statusId = null, bool statusReadable = false, CancellationToken ct = default)
    {
        if (!await WantedAsync(db, now, recipientId, fromId, ct))
        {
            return;
        }
        if (statusId is { } id && !statusReadable && !await db.Statuses.VisibleTo(db, Viewer.Member(recipientId)).AnyAsync(s => s.Id == id, ct))
        {
            return;
        }
        if (db.Notifications.Local.Any(n => n.AccountId == recipientId && n.FromAccountId == fromId && n.Type == type && n.StatusId == statusId))
        {
            return;
        }
        db.Notifications.Add(new Notification
        {
            Id = Snowflake.NewId(now),
            AccountId = recipientId,
            FromAccountId = fromId,
            Type = type,
            StatusId = statusId,
            CreatedAt = now,
        });
    }

    /// <summary>A notification about a group (a request to join, an approval), for the caller's SaveChanges.</summary>
    public static Task AddForGroupAsync(KindredDbContext db, DateTime now, string type, long recipientId, long fromId, long groupId, CancellationToken ct = default) =>
        AddAboutAsync(db, now, type, recipientId, fromId, groupId, null, ct);

    /// <summary>
    /// A notification about an event (an update, a cancellation, a place that freed up), for the caller's SaveChanges.
    /// Reading re-checks that the recipient may still see the event (<see cref="NotificationQueries"/>).
    /// </summary>
    public static Task AddForEventAsync(KindredDbContext db, DateTime now, string type, long recipientId, long fromId, long eventId, CancellationToken ct = default) =>
        AddAboutAsync(db, now, type, recipientId, fromId, null, eventId, ct);

    /// <summary>
    /// The one writer for notifications about a thing rather than a status (a group or an event): the same checks as
    /// <see cref="AddAsync"/> and one per recipient, sender, type and thing within a SaveChanges, so a fan-out loop
    /// that meets someone twice tells them once.
    /// </summary>
    private static async Task AddAboutAsync(KindredDbContext db, DateTime now, string type, long recipientId, long fromId, long? groupId, long? eventId, CancellationToken ct)
    {
        if (!await WantedAsync(db, now, recipientId, fromId, ct)
            || db.Notifications.Local.Any(n => n.AccountId == recipientId && n.FromAccountId == fromId && n.Type == type && n.GroupId == groupId && n.EventId == eventId))
        {
            return;
        }
        db.Notifications.Add(new Notification
        {
            Id = Snowflake.NewId(now),
            AccountId = recipientId,
            FromAccountId = fromId,
            Type = type,
            GroupId = groupId,
            EventId = eventId,
            CreatedAt = now,
        });
    }

    private static async Task<bool> WantedAsync(KindredDbContext db, DateTime now, long recipientId, long fromId, CancellationToken ct) =>
        recipientId != fromId
        && !await db.Blocks.AnyAsync(b => (b.AccountId == recipientId && b.TargetAccountId == fromId) || (b.AccountId == fromId && b.TargetAccountId == recipientId), ct)
        && !await db.Mutes.AnyAsync(m => m.AccountId == recipientId && m.TargetAccountId == fromId && m.HideNotifications && (m.ExpiresAt == null || m.ExpiresAt > now), ct);
}
