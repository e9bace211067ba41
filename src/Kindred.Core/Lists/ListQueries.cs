using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Lists;

/// <summary>Reading one's lists, their members, and a list's timeline.</summary>
/// <remarks>
/// The timeline is built on read (ADR 17): the statuses of the list's members that the owner may read through
/// <see cref="StatusVisibility"/>, newest first. Lists hold at most the accounts one follows, so this is an indexed
/// scan per member, not a fan-out table to keep in step.
/// </remarks>
public sealed class ListQueries(KindredDbContext db, TimeProvider time)
{
    public const int DefaultMembersLimit = 40;
    public const int MaxMembersLimit = 80;

    /// <summary>The owner's lists, by title.</summary>
    public async Task<IReadOnlyList<AccountList>> AllAsync(long ownerId, CancellationToken ct = default) =>
        (await db.Lists.AsNoTracking().Where(l => l.AccountId == ownerId).ToListAsync(ct))
            .OrderBy(l => l.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(l => l.Id).ToList();

    /// <summary>One of the owner's lists; anyone else's is "not found".</summary>
    public async Task<AccountList> GetAsync(long ownerId, long listId, CancellationToken ct = default) =>
        await db.Lists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId && l.AccountId == ownerId, ct) ?? throw KindredException.NotFound();

    /// <summary>The owner's lists that hold <paramref name="accountId"/>.</summary>
    public async Task<IReadOnlyList<AccountList>> ListsHoldingAsync(long ownerId, long accountId, CancellationToken ct = default)
    {
        if (!await db.Accounts.Visible().AnyAsync(a => a.Id == accountId, ct))
        {
            throw KindredException.NotFound();
        }
        return (await db.Lists.AsNoTracking()
            .Where(l => l.AccountId == ownerId && db.ListMembers.Any(m => m.ListId == l.Id && m.AccountId == accountId))
            .ToListAsync(ct)).OrderBy(l => l.Title, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The list's members, paged by when they were added; a limit of 0 gives all of them (as Mastodon).</summary>
    public async Task<IReadOnlyList<ListedAccount>> MembersAsync(long ownerId, long listId, Page page, bool all = false, CancellationToken ct = default)
    {
        var list = await GetAsync(ownerId, listId, ct);
        var visible = db.Accounts.Visible();
        var rows = db.ListMembers.Where(m => m.ListId == list.Id && visible.Any(a => a.Id == m.AccountId));
        var taken = all
            ? await rows.OrderByDescending(m => m.Id).ToListAsync(ct)
            : await rows.PageAsync(page, m => m.Id, MaxMembersLimit, ct);
        var ids = taken.Select(m => m.AccountId).ToList();
        var accounts = await db.Accounts.AsNoTracking()
            .Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User)
            .AsSplitQuery()
            .Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, ct);
        return taken.Where(m => accounts.ContainsKey(m.AccountId)).Select(m => new ListedAccount(m.Id, accounts[m.AccountId])).ToList();
    }

    /// <summary>
    /// The list timeline: posts and boosts of its members that the owner may read, minus accounts the owner mutes, with
    /// replies kept as the list's replies policy says (a member answering themselves always shows).
    /// </summary>
    public async Task<IReadOnlyList<Status>> TimelineAsync(long ownerId, long listId, Page page, CancellationToken ct = default)
    {
        var list = await GetAsync(ownerId, listId, ct);
        return await StatusDetails.WithDetails(Timeline(list)).PageAsync(page, s => s.Id, StatusQueries.MaxLimit, ct);
    }

    /// <summary>Whether the owner has this list (the list stream's subscription check).</summary>
    public Task<bool> OwnsAsync(long ownerId, long listId, CancellationToken ct = default) =>
        db.Lists.AnyAsync(l => l.Id == listId && l.AccountId == ownerId, ct);

    /// <summary>Whether <paramref name="statusId"/> is in the list's timeline: the one definition the API, the pages and the
    /// list stream share.</summary>
    public async Task<bool> ContainsAsync(long ownerId, long listId, long statusId, CancellationToken ct = default)
    {
        var list = await db.Lists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId && l.AccountId == ownerId, ct);
        return list is not null && await Timeline(list).AnyAsync(s => s.Id == statusId, ct);
    }

    /// <summary>Statuses by the list's members that the owner may see, minus muted accounts, with the list's replies policy.</summary>
    private IQueryable<Status> Timeline(AccountList list)
    {
        var ownerId = list.AccountId;
        var now = time.UtcNow();
        var members = db.ListMembers.Where(m => m.ListId == list.Id).Select(m => m.AccountId);
        var muted = db.Mutes.Live(now).Where(m => m.AccountId == ownerId).Select(m => m.TargetAccountId);
        var statuses = db.Statuses.AsNoTracking().VisibleTo(db, Viewer.Member(ownerId))
            .Where(s => members.Contains(s.AccountId))
            .Where(s => !muted.Contains(s.AccountId))
            .Where(s => s.ReblogOfId == null || !db.Statuses.Any(o => o.Id == s.ReblogOfId && muted.Contains(o.AccountId)));
        return list.RepliesPolicy switch
        {
            ListRepliesPolicy.None => statuses.Where(s => s.InReplyToAccountId == null || s.InReplyToAccountId == s.AccountId),
            ListRepliesPolicy.Followed => statuses.Where(s => s.InReplyToAccountId == null || s.InReplyToAccountId == s.AccountId || s.InReplyToAccountId == ownerId
                || db.Follows.Any(f => f.AccountId == ownerId && f.TargetAccountId == s.InReplyToAccountId)),
            _ => statuses.Where(s => s.InReplyToAccountId == null || s.InReplyToAccountId == s.AccountId || s.InReplyToAccountId == ownerId
                || members.Contains(s.InReplyToAccountId.Value)),
        };
    }

    /// <summary>Accounts the owner follows that are not in the list yet, by username (for the web page's "add" choice).</summary>
    public async Task<IReadOnlyList<Account>> AddableAsync(long ownerId, long listId, int limit = 200, CancellationToken ct = default)
    {
        var list = await GetAsync(ownerId, listId, ct);
        return await db.Accounts.AsNoTracking().Visible()
            .Where(a => db.Follows.Any(f => f.AccountId == ownerId && f.TargetAccountId == a.Id))
            .Where(a => !db.ListMembers.Any(m => m.ListId == list.Id && m.AccountId == a.Id))
            .OrderBy(a => a.UsernameNormalized)
            .Take(limit)
            .ToListAsync(ct);
    }
}
