using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Relationships;

/// <summary>Reading relationships: the viewer's standing towards many accounts at once, counts, and the paged lists.</summary>
public sealed class RelationshipQueries(KindredDbContext db, TimeProvider time, LargeCountCache counts)
{
    public const int DefaultLimit = 40;
    public const int MaxLimit = 80;

    public Task<bool> IsBlockedEitherWayAsync(long a, long b, CancellationToken ct = default) =>
        db.Blocks.Between(a, b).AnyAsync(ct);

    /// <summary>
    /// The viewer's relationship to each visible account among <paramref name="targetIds"/>, in their order, in eight
    /// queries whatever their number. Unknown ids are left out, as Mastodon does.
    /// </summary>
    public async Task<IReadOnlyList<Relationship>> RelationshipsAsync(long viewerId, IReadOnlyCollection<long> targetIds, CancellationToken ct = default)
    {
        var wanted = targetIds.Distinct().ToList();
        var found = await db.Accounts.Visible().Where(a => wanted.Contains(a.Id)).Select(a => new { a.Id, a.Domain }).ToListAsync(ct);
        var ids = found.Select(a => a.Id).ToList();
        var domains = found.Where(a => a.Domain != null).Select(a => a.Domain!.ToLowerInvariant()).Distinct().ToList();
        var now = time.UtcNow();
        var follows = await db.Follows.AsNoTracking()
            .Where(f => (f.AccountId == viewerId && ids.Contains(f.TargetAccountId)) || (f.TargetAccountId == viewerId && ids.Contains(f.AccountId)))
            .ToListAsync(ct);
        var requests = await db.FollowRequests.AsNoTracking()
            .Where(r => (r.AccountId == viewerId && ids.Contains(r.TargetAccountId)) || (r.TargetAccountId == viewerId && ids.Contains(r.AccountId)))
            .ToListAsync(ct);
        var blocks = await db.Blocks.AsNoTracking()
            .Where(b => (b.AccountId == viewerId && ids.Contains(b.TargetAccountId)) || (b.TargetAccountId == viewerId && ids.Contains(b.AccountId)))
            .ToListAsync(ct);
        var mutes = await db.Mutes.AsNoTracking().Live(now)
            .Where(m => m.AccountId == viewerId && ids.Contains(m.TargetAccountId))
            .ToListAsync(ct);
        var endorsed = (await db.Endorsements.Where(e => e.AccountId == viewerId && ids.Contains(e.TargetAccountId)).Select(e => e.TargetAccountId).ToListAsync(ct)).ToHashSet();
        // The note is the viewer's own; nobody else's note is ever read here.
        var notes = await db.AccountNotes.Where(n => n.AccountId == viewerId && ids.Contains(n.TargetAccountId)).ToDictionaryAsync(n => n.TargetAccountId, n => n.Comment, ct);
        var blockedDomains = domains.Count == 0 ? []
            : (await db.AccountDomainBlocks.Where(b => b.AccountId == viewerId && domains.Contains(b.Domain)).Select(b => b.Domain).ToListAsync(ct)).ToHashSet();
        var domainOf = found.ToDictionary(a => a.Id, a => a.Domain?.ToLowerInvariant());
        return wanted.Where(ids.Contains).Select(id =>
        {
            var follow = follows.FirstOrDefault(f => f.AccountId == viewerId && f.TargetAccountId == id);
            var request = requests.FirstOrDefault(r => r.AccountId == viewerId && r.TargetAccountId == id);
            var mute = mutes.FirstOrDefault(m => m.TargetAccountId == id);
            return new Relationship(
                AccountId: id,
                Following: follow is not null,
                ShowingReblogs: follow?.ShowReblogs ?? request?.ShowReblogs ?? false,
                Notifying: follow?.Notify ?? request?.Notify ?? false,
                FollowedBy: follows.Any(f => f.AccountId == id && f.TargetAccountId == viewerId),
                Blocking: blocks.Any(b => b.AccountId == viewerId && b.TargetAccountId == id),
                BlockedBy: blocks.Any(b => b.AccountId == id && b.TargetAccountId == viewerId),
                Muting: mute is not null,
                MutingNotifications: mute?.HideNotifications ?? false,
                MuteExpiresAt: mute?.ExpiresAt,
                Requested: request is not null,
                RequestedBy: requests.Any(r => r.AccountId == id && r.TargetAccountId == viewerId),
                DomainBlocking: domainOf[id] is { } domain && blockedDomains.Contains(domain),
                Endorsed: endorsed.Contains(id),
                Note: notes.GetValueOrDefault(id) ?? "");
        }).ToList();
    }

    /// <summary>Follower and following counts for many accounts in two grouped queries. Only visible accounts count;
    /// big counts come from <see cref="LargeCountCache"/>.</summary>
    public async Task<IReadOnlyDictionary<long, AccountCounts>> CountsAsync(IReadOnlyCollection<long> accountIds, CancellationToken ct = default)
    {
        var ids = accountIds.Distinct().ToList();
        var followers = await counts.GetAsync("followers", ids, db, FollowersAsync, ct);
        var following = await counts.GetAsync("following", ids, db, FollowingAsync, ct);
        return ids.ToDictionary(id => id, id => new AccountCounts(followers[id], following[id]));
    }

    // Visible().Any(...) is a correlated lookup by primary key for each follow; Contains over Visible() made SQLite build
    // the set of all visible accounts first, 150 ms at 100,000 members even for an account following three.
    private static Task<Dictionary<long, int>> FollowersAsync(KindredDbContext context, List<long> ids, CancellationToken ct)
    {
        var accounts = context.Accounts.Visible();
        return context.Follows
            .Where(f => ids.Contains(f.TargetAccountId) && accounts.Any(a => a.Id == f.AccountId))
            .GroupBy(f => f.TargetAccountId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    private static Task<Dictionary<long, int>> FollowingAsync(KindredDbContext context, List<long> ids, CancellationToken ct)
    {
        var accounts = context.Accounts.Visible();
        return context.Follows
            .Where(f => ids.Contains(f.AccountId) && accounts.Any(a => a.Id == f.TargetAccountId))
            .GroupBy(f => f.AccountId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    public Task<int> PendingRequestCountAsync(long accountId, CancellationToken ct = default) =>
        db.FollowRequests.CountAsync(r => r.TargetAccountId == accountId && db.Accounts.Visible().Any(a => a.Id == r.AccountId), ct);

    /// <summary>A visible account by id, or null.</summary>
    public Task<Account?> FindVisibleAsync(long id, CancellationToken ct = default) =>
        db.Accounts.AsNoTracking().Visible().FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>Who follows <paramref name="accountId"/>. Empty for anyone but the owner when the owner hides their network.</summary>
    public async Task<IReadOnlyList<ListedAccount>> FollowersAsync(long accountId, long? viewerId, Page page, CancellationToken ct = default)
    {
        var owner = await FindVisibleAsync(accountId, ct) ?? throw KindredException.NotFound();
        if (owner.HideCollections && viewerId != accountId)
        {
            return [];
        }
        return await ListAsync(db.Follows.Where(f => f.TargetAccountId == accountId).Select(f => new Row { Id = f.Id, AccountId = f.AccountId }), page, ct);
    }

    /// <summary>Whom <paramref name="accountId"/> follows. Empty for anyone but the owner when the owner hides their network.</summary>
    public async Task<IReadOnlyList<ListedAccount>> FollowingAsync(long accountId, long? viewerId, Page page, CancellationToken ct = default)
    {
        var owner = await FindVisibleAsync(accountId, ct) ?? throw KindredException.NotFound();
        if (owner.HideCollections && viewerId != accountId)
        {
            return [];
        }
        return await ListAsync(db.Follows.Where(f => f.AccountId == accountId).Select(f => new Row { Id = f.Id, AccountId = f.TargetAccountId }), page, ct);
    }

    /// <summary>Who asks to follow <paramref name="accountId"/>.</summary>
    public Task<IReadOnlyList<ListedAccount>> FollowRequestsAsync(long accountId, Page page, CancellationToken ct = default) =>
        ListAsync(db.FollowRequests.Where(r => r.TargetAccountId == accountId).Select(r => new Row { Id = r.Id, AccountId = r.AccountId }), page, ct);

    public Task<IReadOnlyList<ListedAccount>> BlocksAsync(long accountId, Page page, CancellationToken ct = default) =>
        ListAsync(db.Blocks.Where(b => b.AccountId == accountId).Select(b => new Row { Id = b.Id, AccountId = b.TargetAccountId }), page, ct);

    /// <summary>Accounts <paramref name="accountId"/> mutes; expired mutes are left out.</summary>
    public Task<IReadOnlyList<ListedAccount>> MutesAsync(long accountId, Page page, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        return ListAsync(db.Mutes.Live(now).Where(m => m.AccountId == accountId)
            .Select(m => new Row { Id = m.Id, AccountId = m.TargetAccountId, ExpiresAt = m.ExpiresAt }), page, ct);
    }

    /// <summary>
    /// For each of <paramref name="targetIds"/>, the accounts the viewer follows that follow it (Mastodon's familiar
    /// followers). A follow shows only where it could be seen anyway: neither the follower nor the followed account
    /// hides their network, no block stands between the viewer and either, and both are visible accounts.
    /// </summary>
    public async Task<IReadOnlyList<(long AccountId, IReadOnlyList<Account> Accounts)>> FamiliarFollowersAsync(long viewerId, IReadOnlyList<long> targetIds, CancellationToken ct = default)
    {
        var wanted = targetIds.Distinct().ToList();
        var visible = db.Accounts.Visible();
        var blocks = db.Blocks;
        // Targets one may know about, whose followers are not hidden from the viewer.
        var targets = await visible.Where(a => wanted.Contains(a.Id) && (!a.HideCollections || a.Id == viewerId))
            .WithoutBlocksWith(blocks, viewerId, a => a.Id)
            .Select(a => a.Id).ToListAsync(ct);
        var rows = targets.Count == 0 ? []
            : await db.Follows.Where(f => targets.Contains(f.TargetAccountId)
                    && db.Follows.Any(mine => mine.AccountId == viewerId && mine.TargetAccountId == f.AccountId)
                    && visible.Any(a => a.Id == f.AccountId && !a.HideCollections))
                .WithoutBlocksWith(blocks, viewerId, f => f.AccountId)
                .OrderBy(f => f.Id)
                .Select(f => new { f.TargetAccountId, f.AccountId })
                .ToListAsync(ct);
        var followerIds = rows.Select(r => r.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User).AsSplitQuery()
            .Where(a => followerIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        return wanted.Select(id => (id, (IReadOnlyList<Account>)rows.Where(r => r.TargetAccountId == id && accounts.ContainsKey(r.AccountId))
            .Select(r => accounts[r.AccountId]).Take(MaxLimit).ToList())).ToList();
    }

    /// <summary>Accounts <paramref name="accountId"/> endorses on their profile. Empty for anyone but the owner when the
    /// owner hides their network, since an endorsement shows a follow.</summary>
    public async Task<IReadOnlyList<ListedAccount>> EndorsementsAsync(long accountId, long? viewerId, Page page, CancellationToken ct = default)
    {
        var owner = await FindVisibleAsync(accountId, ct) ?? throw KindredException.NotFound();
        if (owner.HideCollections && viewerId != accountId)
        {
            return [];
        }
        return await ListAsync(db.Endorsements.Where(e => e.AccountId == accountId).Select(e => new Row { Id = e.Id, AccountId = e.TargetAccountId }), page, ct);
    }

    private async Task<IReadOnlyList<ListedAccount>> ListAsync(IQueryable<Row> rows, Page page, CancellationToken ct)
    {
        var visible = db.Accounts.Visible();
        rows = rows.Where(r => visible.Any(a => a.Id == r.AccountId));
        var taken = await rows.PageAsync(page, r => r.Id, MaxLimit, ct);
        var accountIds = taken.Select(r => r.AccountId).ToList();
        var accounts = await db.Accounts.AsNoTracking()
            .Include(a => a.Fields)
            .Include(a => a.Tags)
            .Include(a => a.User)
            .AsSplitQuery()
            .Where(a => accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, ct);
        return taken.Where(r => accounts.ContainsKey(r.AccountId)).Select(r => new ListedAccount(r.Id, accounts[r.AccountId], r.ExpiresAt)).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long AccountId { get; init; }
        public DateTime? ExpiresAt { get; init; }
    }
}
