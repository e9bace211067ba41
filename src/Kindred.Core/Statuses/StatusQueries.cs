using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Relationships;
using Kindred.Core.Timelines;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Statuses;

/// <summary>Every read of statuses, each built on <see cref="StatusVisibility"/>. Lists come back newest first,
/// paged by id the Mastodon way, with authors, mentions and tags loaded for rendering.</summary>
public sealed class StatusQueries(KindredDbContext db, TimeProvider time, HomeFeed homeFeed, HomeFeedTrims trims, StatusPrefetch prefetch, StatusPartsCache parts)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 40;
    private const int MaxThreadDepth = 60;
    private const int MaxDescendants = 2_000;
    private const int MaxTagsPerFilter = 5;

    /// <summary>One status the viewer may read, or "not found". Uses the in-memory rule on the loaded row.</summary>
    public async Task<Status> GetAsync(long id, Viewer viewer, CancellationToken ct = default)
    {
        var status = await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (status is null || !await StatusVisibility.CanSeeAsync(db, status, viewer, ct))
        {
            throw KindredException.NotFound();
        }
        if (status.ReblogOfId is { } originalId)
        {
            var original = await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == originalId, ct);
            if (original is null || !await StatusVisibility.CanSeeAsync(db, original, viewer, ct))
            {
                throw KindredException.NotFound();
            }
        }
        return status;
    }

    /// <summary>The statuses among <paramref name="ids"/> that the viewer may read, in the order asked.</summary>
    public async Task<IReadOnlyList<Status>> ManyAsync(IReadOnlyList<long> ids, Viewer viewer, CancellationToken ct = default)
    {
        var found = await Visible(viewer).Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>A status this request already loaded with its details for a timeline page, on the page or as the original
    /// of a boost on it; either way it passed the viewer's visibility rule (which checks a boost's original too).</summary>
    public bool TryGetLoaded(long id, out Status status) => prefetch.TryGet(id, out status);

    /// <summary>The images and mentioned accounts of statuses this request read (ADR 100): kept ones of the same
    /// version, the rest read in one batch.</summary>
    public Task<IReadOnlyDictionary<long, StatusParts>> PartsAsync(IEnumerable<Status> statuses, CancellationToken ct = default) =>
        parts.LoadAsync(db, statuses, ct);

    /// <summary>The versions of a status, oldest first; just the current one when it was never edited.</summary>
    public async Task<(Status Status, IReadOnlyList<StatusEdit> Versions)> HistoryAsync(long id, Viewer viewer, CancellationToken ct = default)
    {
        var status = await GetAsync(id, viewer, ct);
        var versions = await db.StatusEdits.AsNoTracking().Where(e => e.StatusId == status.Id).OrderBy(e => e.Id).ToListAsync(ct);
        return (status, versions);
    }

    public async Task<StatusContext> ContextAsync(long id, Viewer viewer, CancellationToken ct = default)
    {
        var status = await GetAsync(id, viewer, ct);
        var ancestorIds = new List<long>();
        var parentId = status.InReplyToId;
        while (parentId is { } pid && ancestorIds.Count < MaxThreadDepth && !ancestorIds.Contains(pid))
        {
            ancestorIds.Add(pid);
            parentId = await db.Statuses.Where(s => s.Id == pid).Select(s => s.InReplyToId).FirstOrDefaultAsync(ct);
        }
        var descendantIds = new List<long>();
        List<long> level = [status.Id];
        for (var depth = 0; depth < MaxThreadDepth && level.Count > 0 && descendantIds.Count < MaxDescendants; depth++)
        {
            var parents = level;
            level = await db.Statuses.Where(s => s.InReplyToId != null && parents.Contains(s.InReplyToId.Value)).Select(s => s.Id).ToListAsync(ct);
            descendantIds.AddRange(level);
        }
        var ancestors = await Visible(viewer).Where(s => ancestorIds.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(ct);
        var descendants = await Visible(viewer).Where(s => descendantIds.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(ct);
        return new StatusContext(ancestors, descendants);
    }

    public async Task<IReadOnlyList<Status>> AccountStatusesAsync(long accountId, Viewer viewer, AccountStatusFilter filter, Page page, CancellationToken ct = default)
    {
        if (!await db.Accounts.Visible().AnyAsync(a => a.Id == accountId, ct))
        {
            throw KindredException.NotFound();
        }
        var statuses = Visible(viewer).Where(s => s.AccountId == accountId);
        if (filter.OnlyMedia)
        {
            // Boosts carry no images of their own, so they drop out too (as on Mastodon).
            statuses = statuses.Where(s => db.MediaAttachments.Any(m => m.StatusId == s.Id));
        }
        if (filter.ExcludeReplies)
        {
            // Mastodon keeps self-replies (threads) when replies are excluded.
            statuses = statuses.Where(s => s.InReplyToId == null || s.InReplyToAccountId == accountId);
        }
        if (filter.ExcludeReblogs)
        {
            statuses = statuses.Where(s => s.ReblogOfId == null);
        }
        if (filter.Pinned)
        {
            // A handful at most, found through the partial pinned index first: asked in one query with the newest-first
            // order, SQLite walked all the author's statuses instead (13 ms for the organization at scale L, ADR 39).
            var pinned = await db.Statuses.Where(s => s.AccountId == accountId && s.PinnedAt != null).Select(s => s.Id).ToListAsync(ct);
            if (pinned.Count == 0)
            {
                return [];
            }
            statuses = statuses.Where(s => pinned.Contains(s.Id));
        }
        if (filter.Tagged is { } tagged)
        {
            var name = TagNames.Normalize(tagged);
            statuses = statuses.Where(s => s.Tags.Any(t => t.Tag.Name == name));
        }
        return await PageAsync(statuses, page, ct);
    }

    /// <summary>This server's public timeline: public posts for everyone, members-only ones too for members; never unlisted, never boosts.</summary>
    public Task<IReadOnlyList<Status>> PublicAsync(Viewer viewer, Page page, CancellationToken ct = default) =>
        PageAsync(Listed(viewer, time.UtcNow()), page, ct);

    /// <summary>The hashtag timeline: statuses with <paramref name="tag"/> or any of <paramref name="any"/>, with every
    /// tag of <paramref name="all"/> and none of <paramref name="none"/> (Mastodon allows four of each).</summary>
    public Task<IReadOnlyList<Status>> TagAsync(string tag, Viewer viewer, Page page, IReadOnlyList<string>? any = null, IReadOnlyList<string>? all = null, IReadOnlyList<string>? none = null, CancellationToken ct = default)
    {
        static List<string> Names(IReadOnlyList<string>? tags) => (tags ?? []).Take(MaxTagsPerFilter).Select(TagNames.Normalize).Where(n => n.Length > 0).Distinct().ToList();
        var anyNames = Names([tag, .. any ?? []]);
        var statuses = Listed(viewer, time.UtcNow()).Where(s => s.Tags.Any(t => anyNames.Contains(t.Tag.Name)));
        foreach (var name in Names(all))
        {
            statuses = statuses.Where(s => s.Tags.Any(t => t.Tag.Name == name));
        }
        var noneNames = Names(none);
        if (noneNames.Count > 0)
        {
            statuses = statuses.Where(s => !s.Tags.Any(t => noneNames.Contains(t.Tag.Name)));
        }
        return PageAsync(statuses, page, ct);
    }

    /// <summary>
    /// The member's home timeline: the entries of their feed index (ADR 12) that they may still read, leaving out
    /// accounts they mute, and boosts of muted accounts' posts. Reading the newest page also trims the index, at most once
    /// every <see cref="HomeFeedTrims.Interval"/>.
    /// </summary>
    public async Task<IReadOnlyList<Status>> HomeAsync(long accountId, Page page, CancellationToken ct = default)
    {
        if (page.MaxId is null && page.MinId is null && page.SinceId is null && trims.ShouldTrim(accountId))
        {
            await homeFeed.TrimAsync(accountId, ct);
        }
        var now = time.UtcNow();
        var muted = db.Mutes.Live(now).Where(m => m.AccountId == accountId).Select(m => m.TargetAccountId);
        // A join from the member's feed rows (at most 800, ADR 12), not "EXISTS in the feed" per status: with EXISTS,
        // SQLite walked all statuses newest first until it found 20 of the member's, 4.7 s at 2,000,000 posts for a
        // member who follows a few quiet accounts (ADR 33).
        var statuses = from s in Visible(Viewer.Member(accountId))
                       join e in db.HomeFeedEntries.Where(e => e.AccountId == accountId) on s.Id equals e.StatusId
                       select s;
        statuses = statuses
            .Where(s => !muted.Contains(s.AccountId))
            .Where(s => s.ReblogOfId == null || !db.Statuses.Any(o => o.Id == s.ReblogOfId && muted.Contains(o.AccountId)));
        // Members of the member's exclusive lists are read in those lists only (ADR 17).
        var exclusive = ListMembership.ExclusiveMembers(db, accountId);
        statuses = statuses.Where(s => !exclusive.Contains(s.AccountId));
        return await PageAsync(statuses, page, ct);
    }

    public Task<IReadOnlyList<ListedStatus>> FavouritesAsync(long accountId, Page page, CancellationToken ct = default) =>
        ListAsync(db.Favourites.Where(f => f.AccountId == accountId).Select(f => new Row { Id = f.Id, TargetId = f.StatusId }), Viewer.Member(accountId), page, ct);

    public Task<IReadOnlyList<ListedStatus>> BookmarksAsync(long accountId, Page page, CancellationToken ct = default) =>
        ListAsync(db.Bookmarks.Where(b => b.AccountId == accountId).Select(b => new Row { Id = b.Id, TargetId = b.StatusId }), Viewer.Member(accountId), page, ct);

    public async Task<IReadOnlyList<ListedAccount>> FavouritedByAsync(long statusId, Viewer viewer, Page page, CancellationToken ct = default)
    {
        var status = await GetAsync(statusId, viewer, ct);
        return await AccountsAsync(db.Favourites.Where(f => f.StatusId == status.Id).Select(f => new Row { Id = f.Id, TargetId = f.AccountId }), viewer, page, ct);
    }

    public async Task<IReadOnlyList<ListedAccount>> RebloggedByAsync(long statusId, Viewer viewer, Page page, CancellationToken ct = default)
    {
        var status = await GetAsync(statusId, viewer, ct);
        return await AccountsAsync(db.Statuses.Where(s => s.ReblogOfId == status.Id && s.DeletedAt == null).Select(s => new Row { Id = s.Id, TargetId = s.AccountId }), viewer, page, ct);
    }

    private IQueryable<Status> Visible(Viewer viewer) => StatusDetails.WithDetails(db.Statuses.AsNoTracking().VisibleTo(db, viewer));

    /// <summary>What the public and hashtag timelines list: originals only, public ones, members-only ones for
    /// members, never the posts of accounts the member mutes (an expired mute no longer counts) nor of limited ones.</summary>
    private IQueryable<Status> Listed(Viewer viewer, DateTime now)
    {
        // A limited author's posts stay with their contacts, out of the public timelines (ADR 67).
        var statuses = Visible(viewer).Where(s => s.ReblogOfId == null).NotByLimited(db);
        if (viewer.AccountId is not { } id)
        {
            return statuses.Where(s => s.Visibility == Audience.Public);
        }
        return statuses
            .Where(s => s.Visibility == Audience.Public || s.Visibility == Audience.Members)
            .Where(s => !db.Mutes.Live(now).Any(m => m.AccountId == id && m.TargetAccountId == s.AccountId));
    }


    /// <summary>
    /// A page of a timeline in two steps: the page's ids from the filtered query alone, then the statuses with their
    /// details by id. Loading the details straight from the filtered query made every split include query run the whole
    /// timeline filter (visibility, feed, mutes) over the whole feed. The originals of the page's boosts come in the same
    /// load and wait in <see cref="StatusPrefetch"/> for the renderer (ADR 39). A status deleted between the two steps
    /// drops out.
    /// </summary>
    private async Task<IReadOnlyList<Status>> PageAsync(IQueryable<Status> statuses, Page page, CancellationToken ct)
    {
        var rows = await statuses.Select(s => new PageRow { Id = s.Id, ReblogOfId = s.ReblogOfId }).PageAsync(page, r => r.Id, MaxLimit, ct);
        if (rows.Count == 0)
        {
            return [];
        }
        var wanted = rows.Select(r => r.Id).Concat(rows.Where(r => r.ReblogOfId is not null).Select(r => r.ReblogOfId!.Value)).Distinct().ToList();
        var loaded = await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).Where(s => wanted.Contains(s.Id) && s.DeletedAt == null).ToDictionaryAsync(s => s.Id, ct);
        prefetch.Remember(loaded.Values);
        return rows.Where(r => loaded.ContainsKey(r.Id)).Select(r => loaded[r.Id]).ToList();
    }

    private static Task<List<Row>> PageRowsAsync(IQueryable<Row> rows, Page page, CancellationToken ct) =>
        rows.PageAsync(page, r => r.Id, MaxLimit, ct);

    private async Task<IReadOnlyList<ListedStatus>> ListAsync(IQueryable<Row> rows, Viewer viewer, Page page, CancellationToken ct)
    {
        var visible = db.Statuses.VisibleTo(db, viewer);
        var taken = await PageRowsAsync(rows.Where(r => visible.Any(s => s.Id == r.TargetId)), page, ct);
        var ids = taken.Select(r => r.TargetId).ToList();
        var statuses = await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return taken.Where(r => statuses.ContainsKey(r.TargetId)).Select(r => new ListedStatus(r.Id, statuses[r.TargetId])).ToList();
    }

    /// <summary>Accounts behind rows (favourites, boosts), leaving out inactive accounts and, for a member, those
    /// blocked either way.</summary>
    private async Task<IReadOnlyList<ListedAccount>> AccountsAsync(IQueryable<Row> rows, Viewer viewer, Page page, CancellationToken ct)
    {
        var visible = db.Accounts.Visible();
        rows = rows.Where(r => visible.Any(a => a.Id == r.TargetId));
        if (viewer.AccountId is { } id)
        {
            rows = rows.WithoutBlocksWith(db.Blocks, id, r => r.TargetId);
        }
        var taken = await PageRowsAsync(rows, page, ct);
        var ids = taken.Select(r => r.TargetId).ToList();
        var accounts = await db.Accounts.AsNoTracking()
            .Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User)
            .AsSplitQuery()
            .Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, ct);
        return taken.Where(r => accounts.ContainsKey(r.TargetId)).Select(r => new ListedAccount(r.Id, accounts[r.TargetId])).ToList();
    }

    /// <summary>A timeline entry before its details are loaded.</summary>
    private sealed class PageRow
    {
        public long Id { get; init; }
        public long? ReblogOfId { get; init; }
    }

    /// <summary>A paging key and what it points at (a status or an account).</summary>
    private sealed class Row
    {
        public long Id { get; init; }
        public long TargetId { get; init; }
    }
}
