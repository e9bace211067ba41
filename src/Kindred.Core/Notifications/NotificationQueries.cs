using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>Reading a member's notifications. Each one is shown only while its status, group, aid item or event may
/// still be seen by the member (through <see cref="StatusVisibility"/>, <see cref="GroupAccess"/>,
/// <see cref="AidVisibility"/> and <see cref="EventAccess"/>) and its sender is an active account not blocked either way.</summary>
public sealed class NotificationQueries(KindredDbContext db)
{
    public const int DefaultLimit = 40;
    public const int MaxLimit = 80;
    public const int DefaultCountLimit = 100;
    public const int MaxCountLimit = 1_000;

    public async Task<IReadOnlyList<Notification>> ListAsync(long accountId, NotificationFilter filter, Page page, CancellationToken ct = default)
    {
        var notifications = await ShownAsync(accountId, ct);
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
        await (await ShownAsync(accountId, ct)).FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw KindredException.NotFound();

    /// <summary>How many notifications arrived after the member's notifications marker, counted up to <paramref name="limit"/>.</summary>
    public async Task<int> UnreadCountAsync(long accountId, int limit, CancellationToken ct = default)
    {
        var lastRead = await db.Markers.Where(m => m.AccountId == accountId && m.Timeline == "notifications").Select(m => (long?)m.LastReadId).FirstOrDefaultAsync(ct) ?? 0;
        return await (await ShownAsync(accountId, ct)).Where(n => n.Id > lastRead).Take(Math.Clamp(limit, 1, MaxCountLimit)).CountAsync(ct);
    }

    /// <summary>
    /// Notifications of <paramref name="types"/> after the member's notifications marker that arrived at or after
    /// <paramref name="since"/> and before <paramref name="until"/>, newest first, at most <paramref name="limit"/>: what the
    /// digest calls missed. Same rule as the list: only what the member may still read.
    /// </summary>
    public async Task<IReadOnlyList<Notification>> UnreadBetweenAsync(long accountId, IReadOnlyList<string> types, DateTime since, DateTime until, int limit, CancellationToken ct = default)
    {
        var lastRead = await db.Markers.Where(m => m.AccountId == accountId && m.Timeline == "notifications").Select(m => (long?)m.LastReadId).FirstOrDefaultAsync(ct) ?? 0;
        var wanted = types.ToList();
        return await (await ShownAsync(accountId, ct))
            .Where(n => n.Id > lastRead && wanted.Contains(n.Type) && n.CreatedAt >= since && n.CreatedAt < until)
            .OrderByDescending(n => n.Id).Take(limit).ToListAsync(ct);
    }

    private async Task<IQueryable<Notification>> ShownAsync(long accountId, CancellationToken ct)
    {
        var viewer = Viewer.Member(accountId);
        // Each rule is a correlated Any (EXISTS … WHERE Id = n.X, a primary-key lookup per notification), not Contains:
        // SQLite turns "IN (SELECT Id FROM visible statuses)" into the set of every visible status first, which took 26 s
        // at 2,000,000 posts for the unread count on every page.
        var readable = db.Statuses.VisibleTo(db, viewer);
        var aidItems = db.AidItems.VisibleTo(db, await AidViewer.LoadAsync(db, viewer, ct));
        var events = db.Events.VisibleTo(db, viewer);
        var senders = db.Accounts.Visible();
        var groups = db.Groups.VisibleTo(db, viewer);
        var moderating = db.GroupMemberships.Where(m => m.AccountId == accountId).InRoles(GroupAccess.CanModerate);
        return db.Notifications.AsNoTracking()
            .Where(n => n.AccountId == accountId)
            .Where(n => senders.Any(a => a.Id == n.FromAccountId))
            // A block (either way) also hides what the other account did before it, as Mastodon clears those.
            .WithoutBlocksWith(db.Blocks, accountId, n => n.FromAccountId)
            .Where(n => n.StatusId == null || readable.Any(s => s.Id == n.StatusId))
            // A group notification lasts while the group may be seen; a request concerns only its current moderators.
            .Where(n => n.GroupId == null || groups.Any(g => g.Id == n.GroupId))
            .Where(n => n.Type != NotificationTypes.GroupRequest
                || moderating.Any(m => m.GroupId == n.GroupId))
            // Aid and event notifications last while their item or event may be seen (ADR 27, 28).
            .Where(n => n.AidItemId == null || aidItems.Any(i => i.Id == n.AidItemId))
            .Where(n => n.EventId == null || events.Any(e => e.Id == n.EventId));
    }
}
