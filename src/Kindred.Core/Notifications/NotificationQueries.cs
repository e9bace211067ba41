using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Filters;
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

    public async Task<IReadOnlyList<Notification>> ListAsync(long accountId, NotificationFilter filter, Page page, CancellationToken ct = default) =>
        await Narrow(await ShownAsync(accountId, ct, filter.IncludeFiltered), filter).PageAsync(page, n => n.Id, MaxLimit, ct);

    /// <summary>types[], exclude_types[] and account_id.</summary>
    public static IQueryable<Notification> Narrow(IQueryable<Notification> notifications, NotificationFilter filter)
    {
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
        return notifications;
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
    /// What <paramref name="items"/> name, for the web page, with <paramref name="alsoAccounts"/> (the newest senders of
    /// each group): statuses, groups, events and aid items only through the rules for who may see them
    /// (<see cref="StatusVisibility"/>, <see cref="GroupAccess"/>, <see cref="EventAccess"/>, <see cref="AidVisibility"/>),
    /// so a status the member can no longer read is never quoted, even if its notification is still in hand; no words of
    /// a status the member's keyword filters match in notifications (ADR 68); aid conversations only the member's own
    /// or a sender's; who a report is about only for a member who moderates now (the role read from the database).
    /// </summary>
    public async Task<NotificationSubjects> SubjectsAsync(long accountId, IReadOnlyList<Notification> items, IReadOnlyCollection<long> alsoAccounts, DateTime now, CancellationToken ct = default)
    {
        var viewer = Viewer.Member(accountId);
        var senderIds = items.Select(n => n.FromAccountId).Concat(alsoAccounts).Distinct().ToList();
        var senders = await db.Accounts.AsNoTracking().Where(a => senderIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var statusIds = items.Where(n => n.StatusId is not null).Select(n => n.StatusId!.Value).Distinct().ToList();
        var authors = await db.Statuses.AsNoTracking().Where(s => statusIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Account.Username }).ToDictionaryAsync(s => s.Id, s => s.Username, ct);
        var excerpts = new Dictionary<long, StatusExcerpt>();
        if (statusIds.Count > 0)
        {
            var readable = await db.Statuses.VisibleTo(db, viewer).AsNoTracking().Where(s => statusIds.Contains(s.Id)).ToListAsync(ct);
            var filters = await ActiveFilters.LoadAsync(db, accountId, now, ct);
            foreach (var status in readable.Where(s => filters.Match(s, FilterContexts.Notifications, accountId).Count == 0))
            {
                excerpts[status.Id] = new StatusExcerpt(status.Text, status.SpoilerText.Length == 0 ? null : status.SpoilerText);
            }
        }
        var groupIds = items.Where(n => n.GroupId is not null).Select(n => n.GroupId!.Value).Distinct().ToList();
        Dictionary<long, Group> groups = groupIds.Count == 0 ? [] : await GroupAccess.VisibleTo(db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)), db, viewer).ToDictionaryAsync(g => g.Id, ct);
        var eventIds = items.Where(n => n.EventId is not null).Select(n => n.EventId!.Value).Distinct().ToList();
        Dictionary<long, Event> events = eventIds.Count == 0 ? [] : await EventAccess.VisibleTo(db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)), db, viewer).ToDictionaryAsync(e => e.Id, ct);
        var aidItemIds = items.Where(n => n.AidItemId is not null).Select(n => n.AidItemId!.Value).Distinct().ToList();
        Dictionary<long, string> aidTitles = aidItemIds.Count == 0 ? [] : await db.AidItems.VisibleTo(db, await AidViewer.LoadAsync(db, viewer, ct))
            .Where(i => aidItemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, ct);
        Dictionary<(long ItemId, long ResponderId), long> aidConversations = aidItemIds.Count == 0 ? [] : await db.AidResponses.AsNoTracking()
            .Where(r => aidItemIds.Contains(r.ItemId) && (r.ResponderId == accountId || senderIds.Contains(r.ResponderId)))
            .Select(r => new { r.ItemId, r.ResponderId, r.Id }).ToDictionaryAsync(r => (r.ItemId, r.ResponderId), r => r.Id, ct);
        var reportIds = items.Where(n => n.ReportId is not null).Select(n => n.ReportId!.Value).Distinct().ToList();
        Dictionary<long, string> reportTargets = [];
        if (reportIds.Count > 0 && await db.Users.AsNoTracking().Active().Where(u => u.Id == accountId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct) is { } role && Roles.CanModerate(role))
        {
            reportTargets = await db.Reports.AsNoTracking().Where(r => reportIds.Contains(r.Id))
                .ToDictionaryAsync(r => r.Id, r => string.IsNullOrWhiteSpace(r.TargetDisplayName) ? r.TargetUsername : r.TargetDisplayName, ct);
        }
        return new NotificationSubjects(senders, authors, excerpts, groups, events, aidTitles, aidConversations, reportTargets);
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

    /// <summary>The notifications the member may see now; what their policy held back (ADR 79) only when
    /// <paramref name="includeFiltered"/>, for the requests and include_filtered.</summary>
    public async Task<IQueryable<Notification>> ShownAsync(long accountId, CancellationToken ct, bool includeFiltered = false)
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
        var notifications = db.Notifications.AsNoTracking().Where(n => n.AccountId == accountId);
        if (!includeFiltered)
        {
            notifications = notifications.Where(n => !n.Filtered);
        }
        return notifications
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
