using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>Reading a member's notifications. Each one is shown only while its status is still readable by the
/// member (through <see cref="StatusVisibility"/>) and its sender is an active account not blocked either way.</summary>
public sealed class NotificationQueries(KindredDbContext db)
{
    public const int DefaultLimit = 40;
    public const int MaxLimit = 80;
    public const int DefaultCountLimit = 100;
    public const int MaxCountLimit = 1_000;

    public async Task<IReadOnlyList<Notification>> ListAsync(long accountId, NotificationFilter filter, Page page, CancellationToken ct = default)
    {
        var notifications = Shown(accountId);
        var types = filter.Types.Where(NotificationTypes.All.Contains).ToList();
        if (filter.Types.Count > 0)
        {
            notifications = notifications.Where(n => types.Contains(n.Type));
        }
        if (filter.ExcludeTypes.Count > 0)
        {
            var excluded = filter.ExcludeTypes.ToList();
            notifications = notifications.Where(n => !excluded.Contains(n.Type));
        }
        if (filter.FromAccountId is { } from)
        {
            notifications = notifications.Where(n => n.FromAccountId == from);
        }
        return await notifications.PageAsync(page, n => n.Id, MaxLimit, ct);
    }

    public async Task<Notification> GetAsync(long accountId, long id, CancellationToken ct = default) =>
        await Shown(accountId).FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw KindredException.NotFound();

    /// <summary>How many notifications arrived after the member's notifications marker, counted up to <paramref name="limit"/>.</summary>
    public async Task<int> UnreadCountAsync(long accountId, int limit, CancellationToken ct = default)
    {
        var lastRead = await db.Markers.Where(m => m.AccountId == accountId && m.Timeline == "notifications").Select(m => (long?)m.LastReadId).FirstOrDefaultAsync(ct) ?? 0;
        return await Shown(accountId).Where(n => n.Id > lastRead).Take(Math.Clamp(limit, 1, MaxCountLimit)).CountAsync(ct);
    }

    private IQueryable<Notification> Shown(long accountId)
    {
        var readable = db.Statuses.VisibleTo(db, Viewer.Member(accountId)).Select(s => s.Id);
        var senders = db.Accounts.Visible().Select(a => a.Id);
        var groups = db.Groups.VisibleTo(db, Viewer.Member(accountId)).Select(g => g.Id);
        return db.Notifications.AsNoTracking()
            .Where(n => n.AccountId == accountId)
            .Where(n => senders.Contains(n.FromAccountId))
            // A block (either way) also hides what the other account did before it, as Mastodon clears those.
            .Where(n => !db.Blocks.Any(b => (b.AccountId == accountId && b.TargetAccountId == n.FromAccountId) || (b.AccountId == n.FromAccountId && b.TargetAccountId == accountId)))
            .Where(n => n.StatusId == null || readable.Contains(n.StatusId.Value))
            // A group notification lasts while the group may be seen; a request concerns only its current moderators.
            .Where(n => n.GroupId == null || groups.Contains(n.GroupId.Value))
            .Where(n => n.Type != NotificationTypes.GroupRequest
                || db.GroupMemberships.Any(m => m.GroupId == n.GroupId && m.AccountId == accountId && m.Role >= GroupRole.Moderator));
    }
}
