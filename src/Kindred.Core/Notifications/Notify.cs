using System.Text.Json;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>
/// The one writer of notifications, for the caller's SaveChanges, so they exist exactly when the action does. Nobody
/// is told about their own action, nor by an account blocked either way, nor by one they mute with notifications, nor
/// about a status they may not read. Reading re-checks the status, since visibility can change later. Only
/// <see cref="AddRegardless"/> skips that rule, for the few notifications that must arrive whatever the recipient's
/// blocks and mutes say. The recipient's notification policy (ADR 79) then drops the notification, holds it back as a
/// request, or lets it through. A scoped service on the caller's DbContext (ADR 62): <c>notify.AddAsync(now, …)</c>.
/// A shown notification for someone with a push subscription also enqueues, in the same SaveChanges, the job that
/// pushes it (ADR 81): one <see cref="NotificationPush"/> per unit of work, whatever the number of notifications.
/// </summary>
public sealed class Notify(KindredDbContext db, JobQueue jobs)
{
    private Job? pushJob;
    private readonly List<long> pushed = [];

    /// <summary>Mastodon's thresholds: an account younger than this is new, a follower of less than that is not one yet.</summary>
    public static readonly TimeSpan NewAccountThreshold = TimeSpan.FromDays(30);
    public static readonly TimeSpan NewFollowerThreshold = TimeSpan.FromDays(3);

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
        // A member who muted the conversation hears nothing more of it (ADR 78).
        if (statusId is { } about && (await ThreadMutes.MutedAsync(db, recipientId, [about], ct)).Count > 0)
        {
            return false;
        }
        return await AddOnceAsync(now, type, recipientId, fromId, new NotificationAbout(StatusId: statusId), ct);
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
        db.Notifications.Add(Pushed(Build(now, type, recipientId, fromId, about)));

    /// <summary><see cref="AddRegardless(DateTime, string, long, long, NotificationAbout)"/> for many recipients at once.</summary>
    public void AddRegardless(DateTime now, string type, IEnumerable<long> recipientIds, long fromId, NotificationAbout about) =>
        db.Notifications.AddRange(recipientIds.Select(id => Pushed(Build(now, type, id, fromId, about))).ToList());

    /// <summary>
    /// The rule, then one per recipient, sender, type and thing within a SaveChanges, so a fan-out loop that meets
    /// someone twice tells them once.
    /// </summary>
    private async Task<bool> AddAboutAsync(DateTime now, string type, long recipientId, long fromId, NotificationAbout about, CancellationToken ct) =>
        await WantedAsync(now, recipientId, fromId, ct) && await AddOnceAsync(now, type, recipientId, fromId, about, ct);

    /// <summary>Once per SaveChanges, then the recipient's notification policy (ADR 79): dropped, held back as a
    /// request, or shown; a shown or held notification gets its group key.</summary>
    private async Task<bool> AddOnceAsync(DateTime now, string type, long recipientId, long fromId, NotificationAbout about, CancellationToken ct)
    {
        if (db.Notifications.Local.Any(n => n.AccountId == recipientId && n.FromAccountId == fromId && n.Type == type
            && n.StatusId == about.StatusId && n.GroupId == about.GroupId && n.EventId == about.EventId
            && n.AidItemId == about.AidItemId && n.ReportId == about.ReportId))
        {
            return false;
        }
        var verdict = await VerdictAsync(now, type, recipientId, fromId, about, ct);
        if (verdict == NotificationPolicyValue.Drop)
        {
            return false;
        }
        var notification = Build(now, type, recipientId, fromId, about);
        notification.Filtered = verdict == NotificationPolicyValue.Filter;
        notification.GroupKey = await GroupKeyAsync(now, type, recipientId, about, ct);
        db.Notifications.Add(notification);
        // A notification held back as a request is not pushed (ADR 79); accepting it later does not push it either.
        if (!notification.Filtered && await db.WebPushSubscriptions.AnyAsync(s => s.AccountId == recipientId, ct))
        {
            Pushed(notification);
        }
        return true;
    }

    /// <summary>
    /// Mastodon's policy conditions (ADR 79): only filterable types, never for a sender the recipient accepted, nor for
    /// staff, moderators or the organization account (whoever must act on what they say hears it); otherwise the strictest of the
    /// policy's answers that apply to the sender. A condition is looked up only when its answer would be stricter than
    /// what already applies, and the exemptions only when the answer is not Accept (ADR 89): under the default policy a
    /// favourite costs the policy row and one look at the sender's limits, not eight queries. The answer is the same.
    /// </summary>
    private async Task<NotificationPolicyValue> VerdictAsync(DateTime now, string type, long recipientId, long fromId, NotificationAbout about, CancellationToken ct)
    {
        if (!NotificationTypes.Filterable.Contains(type))
        {
            return NotificationPolicyValue.Accept;
        }
        var policy = await db.NotificationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == recipientId, ct) ?? new NotificationPolicy();
        // The answers that apply only when the recipient does not follow the sender; following is asked last, once.
        var unlessFollowing = policy.ForNotFollowing;
        if (policy.ForLimitedAccounts > unlessFollowing && await db.ActiveLimits().AnyAsync(k => k.AccountId == fromId, ct))
        {
            unlessFollowing = policy.ForLimitedAccounts;
        }
        if (policy.ForPrivateMentions > unlessFollowing && type == NotificationTypes.Mention && about.StatusId is { } statusId
            && await UnsolicitedPrivateMentionAsync(statusId, recipientId, ct))
        {
            unlessFollowing = policy.ForPrivateMentions;
        }
        var verdict = NotificationPolicyValue.Accept;
        if (unlessFollowing > verdict && !await db.Follows.AnyAsync(f => f.AccountId == recipientId && f.TargetAccountId == fromId, ct))
        {
            verdict = unlessFollowing;
        }
        if (policy.ForNotFollowers > verdict)
        {
            var followedSince = await db.Follows.Where(f => f.AccountId == fromId && f.TargetAccountId == recipientId).Select(f => (DateTime?)f.CreatedAt).FirstOrDefaultAsync(ct);
            if (followedSince is not { } since || since > now - NewFollowerThreshold)
            {
                verdict = policy.ForNotFollowers;
            }
        }
        if (policy.ForNewAccounts > verdict
            && await db.Accounts.Where(a => a.Id == fromId).Select(a => a.CreatedAt).FirstOrDefaultAsync(ct) > now - NewAccountThreshold)
        {
            verdict = policy.ForNewAccounts;
        }
        if (verdict == NotificationPolicyValue.Accept)
        {
            return verdict;
        }
        var staffRoles = Enum.GetValues<UserRole>().Where(r => Roles.IsStaff(r) || Roles.CanModerate(r)).ToList();
        if (await db.NotificationPermissions.AnyAsync(p => p.AccountId == recipientId && p.FromAccountId == fromId, ct)
            || await db.Users.AnyAsync(u => u.Id == fromId && staffRoles.Contains(u.Role), ct)
            || await db.Organizations.AnyAsync(o => o.AccountId == fromId, ct))
        {
            return NotificationPolicyValue.Accept;
        }
        return verdict;
    }

    /// <summary>A direct status that does not answer one of the recipient's own (Mastodon: a private mention not in response).</summary>
    private async Task<bool> UnsolicitedPrivateMentionAsync(long statusId, long recipientId, CancellationToken ct)
    {
        var status = await db.Statuses.FindAsync([statusId], ct);
        return status is { Visibility: Audience.Direct } && status.InReplyToAccountId != recipientId;
    }

    /// <summary>The key of the group this notification joins: the newest group of its kind if it began less than 12 hours ago.</summary>
    private async Task<string?> GroupKeyAsync(DateTime now, string type, long recipientId, NotificationAbout about, CancellationToken ct)
    {
        if (NotificationGroups.Prefix(type, about) is not { } prefix)
        {
            return null;
        }
        var newest = db.Notifications.Local.Where(n => n.AccountId == recipientId && n.GroupKey != null && n.GroupKey.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(n => n.Id).Select(n => n.GroupKey).FirstOrDefault()
            ?? await db.Notifications.Where(n => n.AccountId == recipientId && n.GroupKey != null && n.GroupKey.StartsWith(prefix))
                .OrderByDescending(n => n.Id).Select(n => n.GroupKey).FirstOrDefaultAsync(ct);
        return NotificationGroups.Key(prefix, now, newest);
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

    /// <summary>
    /// Adds the notification to this unit of work's push job. The job is rewritten while it is still unsaved; once a
    /// SaveChanges wrote it, the next notification starts a new one (the runner may already be running the first).
    /// The job reads the subscriptions when it runs, so the few notifications added "regardless" (reports, alerts,
    /// reminders) are queued without asking first.
    /// </summary>
    private Notification Pushed(Notification notification)
    {
        if (pushJob is null || db.Entry(pushJob).State != EntityState.Added)
        {
            pushed.Clear();
            pushed.Add(notification.Id);
            pushJob = jobs.Add(NotificationPush.Kind, new NotificationPush(pushed));
            return notification;
        }
        pushed.Add(notification.Id);
        pushJob.Payload = JsonSerializer.Serialize(new NotificationPush(pushed));
        return notification;
    }

    /// <summary>The rule: not one's own action, no block either way, no live mute that hides notifications.</summary>
    private async Task<bool> WantedAsync(DateTime now, long recipientId, long fromId, CancellationToken ct) =>
        recipientId != fromId
        && !await db.Blocks.Between(recipientId, fromId).AnyAsync(ct)
        && !await db.Mutes.Live(now).AnyAsync(m => m.AccountId == recipientId && m.TargetAccountId == fromId && m.HideNotifications, ct);
}
