using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Groups;

/// <summary>Reading groups, their members, requests and bans, always through <see cref="GroupAccess"/> (ADR 21).</summary>
public sealed class GroupQueries(KindredDbContext db, TimeProvider time)
{
    public const int MaxLimit = 80;
    public const int MaxPins = 5;

    /// <summary>A group with its tags and questions, or "not found" when the viewer may not see it.</summary>
    public async Task<Group> GetAsync(Viewer viewer, long groupId, CancellationToken ct = default) =>
        await WithDetails().Where(g => g.Id == groupId).VisibleTo(db, viewer).FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();

    public async Task<Group> GetBySlugAsync(Viewer viewer, string slug, CancellationToken ct = default)
    {
        var clean = (slug ?? "").Trim().ToLowerInvariant();
        return await WithDetails().Where(g => g.Slug == clean).VisibleTo(db, viewer).FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();
    }

    /// <summary>Groups by id that the viewer may see, with tags and questions, in no particular order.</summary>
    public async Task<IReadOnlyList<Group>> ManyAsync(Viewer viewer, IReadOnlyCollection<long> groupIds, CancellationToken ct = default)
    {
        var ids = groupIds.Distinct().ToList();
        return await WithDetails().Where(g => ids.Contains(g.Id)).VisibleTo(db, viewer).ToListAsync(ct);
    }

    /// <summary>The groups <paramref name="accountId"/> belongs to, newest group first, paged by group id.</summary>
    public async Task<IReadOnlyList<Group>> MembershipsOfAsync(long accountId, Page page, CancellationToken ct = default)
    {
        var mine = db.GroupMemberships.Where(m => m.AccountId == accountId).Select(m => m.GroupId);
        var ids = await db.Groups.Where(g => mine.Contains(g.Id)).Select(g => g.Id).PageAsync(page, id => id, MaxLimit, ct);
        var groups = await WithDetails().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        return ids.Where(groups.ContainsKey).Select(id => groups[id]).ToList();
    }

    /// <summary>The groups <paramref name="accountId"/> has asked to join and waits for, newest group first.</summary>
    public async Task<IReadOnlyList<Group>> RequestedByAsync(long accountId, Page page, CancellationToken ct = default)
    {
        var asked = db.GroupMembershipRequests.Where(r => r.AccountId == accountId).Select(r => r.GroupId);
        var ids = await db.Groups.Where(g => asked.Contains(g.Id)).VisibleTo(db, Viewer.Member(accountId)).Select(g => g.Id).PageAsync(page, id => id, MaxLimit, ct);
        var groups = await WithDetails().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        return ids.Where(groups.ContainsKey).Select(id => groups[id]).ToList();
    }

    /// <summary>
    /// Where the viewer stands with each group they may see; groups they may not see are left out (not "none"), so the
    /// answer never confirms that a secret group exists.
    /// </summary>
    public async Task<IReadOnlyList<GroupRelationship>> RelationshipsAsync(long viewerId, IReadOnlyCollection<long> groupIds, CancellationToken ct = default)
    {
        var ids = groupIds.Distinct().ToList();
        var visible = await db.Groups.Where(g => ids.Contains(g.Id)).VisibleTo(db, Viewer.Member(viewerId)).Select(g => g.Id).ToListAsync(ct);
        return await RelationshipsAsync(db, viewerId, ids.Where(visible.Contains).ToList(), ct);
    }

    /// <summary>The relationship of one account to each group, in the order asked, whether or not the groups are visible.</summary>
    public static async Task<IReadOnlyList<GroupRelationship>> RelationshipsAsync(KindredDbContext db, long accountId, IReadOnlyList<long> groupIds, CancellationToken ct)
    {
        if (groupIds.Count == 0)
        {
            return [];
        }
        var roles = await db.GroupMemberships.Where(m => m.AccountId == accountId && groupIds.Contains(m.GroupId))
            .Select(m => new { m.GroupId, m.Role }).ToDictionaryAsync(m => m.GroupId, m => m.Role, ct);
        var requested = await db.GroupMembershipRequests.Where(r => r.AccountId == accountId && groupIds.Contains(r.GroupId)).Select(r => r.GroupId).ToListAsync(ct);
        var banned = await db.GroupBans.Where(b => b.AccountId == accountId && groupIds.Contains(b.GroupId)).Select(b => b.GroupId).ToListAsync(ct);
        return groupIds.Select(id => new GroupRelationship(id, roles.TryGetValue(id, out var role) ? role : null, requested.Contains(id), banned.Contains(id))).ToList();
    }

    /// <summary>
    /// The group's members, optionally of one role, paged by account id. A public group's members are listed to everyone
    /// who sees it; a members-only or secret group's members only to its own members.
    /// </summary>
    public async Task<IReadOnlyList<ListedMember>> MembersAsync(Viewer viewer, long groupId, GroupRole? role, Page page, CancellationToken ct = default)
    {
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).VisibleTo(db, viewer).FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();
        if (group.Visibility != GroupVisibility.Public && !await IsMemberAsync(viewer, groupId, ct))
        {
            throw KindredException.Forbidden("Only the group's members see who belongs to it.");
        }
        var visible = db.Accounts.Visible();
        var rows = db.GroupMemberships.Where(m => m.GroupId == groupId && visible.Any(a => a.Id == m.AccountId));
        if (role is { } r)
        {
            rows = rows.Where(m => m.Role == r);
        }
        var taken = await rows.PageAsync(page, m => m.AccountId, MaxLimit, ct);
        var accounts = await AccountsAsync(taken.Select(m => m.AccountId).ToList(), ct);
        return taken.Where(m => accounts.ContainsKey(m.AccountId)).Select(m => new ListedMember(m.AccountId, accounts[m.AccountId], m.Role, m.CreatedAt)).ToList();
    }

    /// <summary>Members of a group by account id (after a change of role), in no particular order.</summary>
    public async Task<IReadOnlyList<ListedMember>> MembersByIdAsync(long groupId, IReadOnlyCollection<long> accountIds, CancellationToken ct = default)
    {
        var ids = accountIds.ToList();
        var rows = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId && ids.Contains(m.AccountId)).ToListAsync(ct);
        var accounts = await AccountsAsync(rows.Select(m => m.AccountId).ToList(), ct);
        return rows.Where(m => accounts.ContainsKey(m.AccountId)).Select(m => new ListedMember(m.AccountId, accounts[m.AccountId], m.Role, m.CreatedAt)).ToList();
    }

    /// <summary>Pending requests to join, for the group's moderators and above, paged by request id.</summary>
    public async Task<IReadOnlyList<ListedRequest>> RequestsAsync(long actorId, long groupId, Page page, CancellationToken ct = default)
    {
        await RequireModeratorAsync(actorId, groupId, ct);
        var visible = db.Accounts.Visible();
        var taken = await db.GroupMembershipRequests.AsNoTracking().Where(r => r.GroupId == groupId && visible.Any(a => a.Id == r.AccountId)).PageAsync(page, r => r.Id, MaxLimit, ct);
        var accounts = await AccountsAsync(taken.Select(r => r.AccountId).ToList(), ct);
        return taken.Where(r => accounts.ContainsKey(r.AccountId)).Select(r => new ListedRequest(r.Id, accounts[r.AccountId], r)).ToList();
    }

    /// <summary>How many requests wait in a group's queue (for the moderators' badge).</summary>
    public Task<int> PendingRequestCountAsync(long groupId, CancellationToken ct = default) =>
        db.GroupMembershipRequests.CountAsync(r => r.GroupId == groupId, ct);

    /// <summary>Who is banned from the group, for its moderators and above, paged by account id.</summary>
    public async Task<IReadOnlyList<ListedAccount>> BansAsync(long actorId, long groupId, Page page, CancellationToken ct = default)
    {
        await RequireModeratorAsync(actorId, groupId, ct);
        var visible = db.Accounts.Visible();
        var taken = await db.GroupBans.AsNoTracking().Where(b => b.GroupId == groupId && visible.Any(a => a.Id == b.AccountId)).PageAsync(page, b => b.AccountId, MaxLimit, ct);
        var accounts = await AccountsAsync(taken.Select(b => b.AccountId).ToList(), ct);
        return taken.Where(b => accounts.ContainsKey(b.AccountId)).Select(b => new ListedAccount(b.AccountId, accounts[b.AccountId])).ToList();
    }

    /// <summary>Why each of these people was banned from the group (for the moderators' list of bans).</summary>
    public async Task<IReadOnlyDictionary<long, string>> BanReasonsAsync(long groupId, IReadOnlyCollection<long> accountIds, CancellationToken ct = default)
    {
        var ids = accountIds.ToList();
        return await db.GroupBans.AsNoTracking().Where(b => b.GroupId == groupId && ids.Contains(b.AccountId)).ToDictionaryAsync(b => b.AccountId, b => b.Reason, ct);
    }

    /// <summary>
    /// A group's parent and its chapters (at most <paramref name="maxChapters"/>, by name), through the same rule as the
    /// group: a secret chapter is not listed to outsiders.
    /// </summary>
    public async Task<(Group? Parent, IReadOnlyList<Group> Chapters)> FamilyAsync(Viewer viewer, Group group, int maxChapters, CancellationToken ct = default)
    {
        var parent = group.ParentId is { } parentId
            ? await db.Groups.AsNoTracking().Where(g => g.Id == parentId).VisibleTo(db, viewer).FirstOrDefaultAsync(ct)
            : null;
        var chapters = await db.Groups.AsNoTracking().Where(g => g.ParentId == group.Id).VisibleTo(db, viewer)
            .OrderBy(g => g.Name).Take(maxChapters).ToListAsync(ct);
        return (parent, chapters);
    }

    /// <summary>The viewer's role in the group, or null when they are not a member (or not signed in).</summary>
    public async Task<GroupRole?> RoleAsync(Viewer viewer, long groupId, CancellationToken ct = default) =>
        viewer.AccountId is { } id
            ? await db.GroupMemberships.Where(m => m.GroupId == groupId && m.AccountId == id).Select(m => (GroupRole?)m.Role).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>
    /// A group's feed, newest first with keyset paging, through <see cref="StatusVisibility"/>: the group's own posts and
    /// replies, and the posts of its public sub-groups that surface in it. Boosts are not part of a group. The first page
    /// (no max_id, since_id or min_id) starts with the pinned posts, which the pages themselves leave out. Accounts the
    /// viewer mutes are left out as on the public timelines.
    /// </summary>
    public async Task<GroupTimeline> TimelineAsync(Viewer viewer, long groupId, Page page, CancellationToken ct = default)
    {
        if (!await GroupAccess.CanSeeAsync(db, groupId, viewer, ct))
        {
            throw KindredException.NotFound();
        }
        // The surfacing sub-groups are looked up first, and a group without any (most) is asked for by its id alone:
        // "GroupId = x OR GroupId IN (sub-groups)" kept the (GroupId, Id) index from giving the newest first, and
        // PostgreSQL walked all statuses newest first instead (27 ms and more per page at scale L, ADR 39).
        var groupIds = await db.Groups.Where(c => c.ParentId == groupId && c.SurfaceInParent && c.Visibility == GroupVisibility.Public).Select(c => c.Id).ToListAsync(ct);
        groupIds.Add(groupId);
        var statuses = db.Statuses.AsNoTracking().VisibleTo(db, viewer).Where(s => s.ReblogOfId == null);
        statuses = groupIds.Count == 1
            ? statuses.Where(s => s.GroupId == groupId)
            : statuses.Where(s => s.GroupId != null && groupIds.Contains(s.GroupId.Value));
        if (viewer.AccountId is { } id)
        {
            var now = time.UtcNow();
            statuses = statuses.Where(s => s.AccountId == id || !db.Mutes.Live(now).Any(m => m.AccountId == id && m.TargetAccountId == s.AccountId));
        }
        IReadOnlyList<Status> pinned = [];
        if (page is { MaxId: null, SinceId: null, MinId: null })
        {
            var pinnedIds = await statuses.Where(s => s.GroupId == groupId && s.GroupPinnedAt != null).OrderByDescending(s => s.GroupPinnedAt).Select(s => s.Id).Take(MaxPins).ToListAsync(ct);
            pinned = await LoadAsync(statuses, pinnedIds, ct);
        }
        var pinnedHere = pinned.Select(s => s.Id).ToList();
        var listed = pinnedHere.Count == 0 ? statuses : statuses.Where(s => !pinnedHere.Contains(s.Id));
        var ids = await listed.Select(s => s.Id).PageAsync(page, x => x, StatusQueries.MaxLimit, ct);
        return new GroupTimeline(pinned, await LoadAsync(statuses, ids, ct));
    }

    // The details through the same filter narrowed to the ids, as StatusQueries pages its timelines.
    private static async Task<IReadOnlyList<Status>> LoadAsync(IQueryable<Status> statuses, List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var loaded = await StatusDetails.WithDetails(statuses.Where(s => ids.Contains(s.Id))).ToDictionaryAsync(s => s.Id, ct);
        return ids.Where(loaded.ContainsKey).Select(id => loaded[id]).ToList();
    }

    private IQueryable<Group> WithDetails() =>
        db.Groups.AsNoTracking().Include(g => g.Tags).Include(g => g.Questions.OrderBy(q => q.Position)).AsSplitQuery();

    private Task<bool> IsMemberAsync(Viewer viewer, long groupId, CancellationToken ct) =>
        viewer.AccountId is { } id ? db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.AccountId == id, ct) : Task.FromResult(false);

    private async Task RequireModeratorAsync(long actorId, long groupId, CancellationToken ct)
    {
        if (!await GroupAccess.CanSeeAsync(db, groupId, Viewer.Member(actorId), ct))
        {
            throw KindredException.NotFound();
        }
        if (!GroupAccess.CanModerate(await RoleAsync(Viewer.Member(actorId), groupId, ct)))
        {
            throw KindredException.Forbidden("Only the group's admins and moderators see this.");
        }
    }

    private Task<Dictionary<long, Account>> AccountsAsync(List<long> ids, CancellationToken ct) =>
        db.Accounts.AsNoTracking()
            .Include(a => a.Fields)
            .Include(a => a.Tags)
            .Include(a => a.User)
            .AsSplitQuery()
            .Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, ct);
}
