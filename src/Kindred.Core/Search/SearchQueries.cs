using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Search;

/// <summary>
/// Search for people, hashtags, posts (ADR 15), groups and events (ADR 87; aid items are <see cref="AidSearch"/>). The index (<see cref="ISearchIndex"/>, one per database) only says
/// which rows hold the words; what comes back is decided here and by <see cref="StatusVisibility"/>, so a search never
/// shows anything the searcher could not open.
/// </summary>
public sealed class SearchQueries(KindredDbContext db, ISearchIndex index, StatusQueries statuses, TimeProvider time)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 40;
    public const int MaxQueryLength = 500;

    /// <summary>Newest matches are read from the index in growing batches and checked for visibility; past this many
    /// candidates a page stops early (it then holds fewer results than asked), so no query can scan the whole index.</summary>
    public const int MaxCandidates = 20_000;

    private const int FirstBatch = 50;
    private const int LargestBatch = 5_000;

    /// <summary>
    /// Posts holding every word (whole words, accents and case aside), newest first, that <paramref name="viewer"/> may read,
    /// leaving out authors they mute. Posts of an account that opted out of discovery are found only by its author and
    /// by those it mentioned or who favourited or bookmarked them (Mastodon's "indexable"). Searching posts is for
    /// signed-in members: anonymous visitors and app tokens get none.
    /// </summary>
    public async Task<IReadOnlyList<Status>> StatusesAsync(string query, Viewer viewer, long? accountId, int offset, int limit, CancellationToken ct = default)
    {
        if (accountId is { } author && !await db.Accounts.Visible().AnyAsync(a => a.Id == author, ct))
        {
            throw KindredException.NotFound();
        }
        var terms = SearchTerms.ForText(query);
        if (terms.IsEmpty || viewer.AccountId is not { } me || offset >= MaxCandidates)
        {
            return [];
        }
        var wanted = offset + limit;
        var found = new List<long>();
        long? before = null;
        var batch = FirstBatch;
        var scanned = 0;
        while (found.Count < wanted && scanned < MaxCandidates)
        {
            var candidates = await index.NewestStatusIdsAsync(terms, accountId, before, batch, ct);
            if (candidates.Count == 0)
            {
                break;
            }
            var shown = (await Searchable(viewer, me).Where(s => candidates.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
            found.AddRange(candidates.Where(shown.Contains));
            scanned += candidates.Count;
            if (candidates.Count < batch)
            {
                break;
            }
            before = candidates[^1];
            batch = Math.Min(batch * 4, LargestBatch);
        }
        return await statuses.ManyAsync(found.Skip(offset).Take(limit).ToList(), viewer, ct);
    }

    /// <summary>
    /// People whose username or display name has words starting with each word asked ("ali mar" finds Alice Martin),
    /// accents and case aside. The exact handle (alice, @alice, alice@this.server) comes first, then people the
    /// searcher follows. Accounts that opted out of discovery are found only by their exact handle (or by those who
    /// follow them); inactive accounts and those blocked either way are never found, with one exception: a look-up of the
    /// exact handle (@alice, alice@this.server, acct:alice, or any query with resolve) finds an account the searcher
    /// blocked, so an app can find it to unblock it. One that blocked the searcher stays hidden, even when the searcher
    /// blocked it too: the other side's block wins (ADR 77).
    /// </summary>
    /// <param name="localDomain">This server's host, so alice@this.server means the local alice; other domains find
    /// nobody until federation arrives.</param>
    /// <param name="resolve">The client asked to resolve the query as one account (Mastodon's resolve=true).</param>
    public async Task<IReadOnlyList<Account>> AccountsAsync(string query, Viewer viewer, bool following, int offset, int limit, string localDomain, bool resolve = false, CancellationToken ct = default)
    {
        var handle = query.Trim();
        var lookup = resolve || handle.StartsWith('@') || handle.StartsWith("acct:", StringComparison.OrdinalIgnoreCase);
        if (handle.StartsWith("acct:", StringComparison.OrdinalIgnoreCase))
        {
            handle = handle["acct:".Length..];
        }
        handle = handle.TrimStart('@');
        var at = handle.IndexOf('@', StringComparison.Ordinal);
        lookup |= at >= 0;
        if (at >= 0)
        {
            if (!string.Equals(handle[(at + 1)..], localDomain, StringComparison.OrdinalIgnoreCase))
            {
                return [];
            }
            handle = handle[..at];
        }
        var terms = SearchTerms.ForNames(handle);
        if (terms.IsEmpty || (following && viewer.AccountId is null))
        {
            return [];
        }
        var exact = Usernames.Normalize(handle);
        var me = viewer.AccountId ?? 0;
        var matches = index.AccountIds(terms);
        var accounts = db.Accounts.AsNoTracking().Visible().Where(a => matches.Contains(a.Id));
        var follows = db.Follows.Where(f => f.AccountId == me);
        // A limited account (ADR 67) is found like one that is not discoverable: by its exact name or by those who follow it.
        var limits = db.ActiveLimits();
        accounts = accounts.Where(a => (a.Discoverable && !limits.Any(k => k.AccountId == a.Id)) || a.UsernameNormalized == exact || a.Id == me || follows.Any(f => f.TargetAccountId == a.Id));
        if (viewer.AccountId is not null && lookup)
        {
            // Only the searcher's own block of the exact handle is looked past; any block of the searcher still hides.
            accounts = accounts.Where(a => !db.Blocks.Any(b => b.AccountId == a.Id && b.TargetAccountId == me)
                && (a.UsernameNormalized == exact || !db.Blocks.Any(b => b.AccountId == me && b.TargetAccountId == a.Id)));
        }
        else if (viewer.AccountId is not null)
        {
            accounts = accounts.WithoutBlocksWith(db.Blocks, me, a => a.Id);
        }
        if (following)
        {
            accounts = accounts.Where(a => follows.Any(f => f.TargetAccountId == a.Id));
        }
        var ids = await accounts
            .OrderByDescending(a => a.UsernameNormalized == exact)
            .ThenByDescending(a => follows.Any(f => f.TargetAccountId == a.Id))
            .ThenBy(a => a.UsernameNormalized)
            .ThenBy(a => a.Id)
            .Skip(offset).Take(limit)
            .Select(a => a.Id)
            .ToListAsync(ct);
        var loaded = await db.Accounts.AsNoTracking()
            .Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User)
            .AsSplitQuery()
            .Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, ct);
        return ids.Where(loaded.ContainsKey).Select(id => loaded[id]).ToList();
    }

    /// <summary>
    /// Hashtags whose normalized name starts with the query (TagNames: "#Éco" finds #ecologie), the exact one first.
    /// Only tags on at least one post the viewer may read are listed, so a tag used only in private posts stays private.
    /// All tags count as reviewed: Kindred has no tag review yet.
    /// </summary>
    public async Task<IReadOnlyList<Tag>> HashtagsAsync(string query, Viewer viewer, int offset, int limit, CancellationToken ct = default)
    {
        var name = TagNames.Normalize(query);
        if (name.Length == 0)
        {
            return [];
        }
        var readable = db.Statuses.VisibleTo(db, viewer);
        return await db.Tags.AsNoTracking()
            .Where(t => t.Name.StartsWith(name))
            .Where(t => db.StatusTags.Any(st => st.TagId == t.Id && readable.Any(s => s.Id == st.StatusId)))
            .OrderByDescending(t => t.Name == name)
            .ThenBy(t => t.Name)
            .Skip(offset).Take(limit)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Groups whose name, description or area has words starting with each word asked ("parent" finds "Single Parents
    /// Circle"), accents and case aside, that <paramref name="viewer"/> may know exist (<see cref="GroupAccess"/>: a secret
    /// group only for its members, a members-only group only for signed-in members). The rule is applied in the query
    /// before the page is cut, so neither the results nor their number tell of a group the viewer may not see.
    /// Largest first, then oldest.
    /// </summary>
    public async Task<IReadOnlyList<Group>> GroupsAsync(string query, Viewer viewer, int offset, int limit, CancellationToken ct = default)
    {
        var terms = SearchTerms.ForNames(query);
        if (terms.IsEmpty || offset >= MaxCandidates)
        {
            return [];
        }
        var matches = index.GroupIds(terms);
        return await db.Groups.AsNoTracking()
            .Include(g => g.Tags)
            .Where(g => matches.Contains(g.Id))
            .VisibleTo(db, viewer)
            .OrderByDescending(g => g.MembersCount).ThenBy(g => g.Id)
            .Skip(Math.Max(0, offset)).Take(Math.Clamp(limit, 1, MaxLimit + 1))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Events (not cancelled) whose title, description, place name or area has words starting with each word asked, that
    /// <paramref name="viewer"/> may see (<see cref="EventAccess"/>: a group's event only for the group's members, a
    /// members' event only for signed-in members, never one of someone blocked either way). The street address and the
    /// online link are never searched: only attendees see them. Events still to come (or repeating) first, then newest.
    /// </summary>
    public async Task<IReadOnlyList<Event>> EventsAsync(string query, Viewer viewer, int offset, int limit, CancellationToken ct = default)
    {
        var terms = SearchTerms.ForNames(query);
        if (terms.IsEmpty || offset >= MaxCandidates)
        {
            return [];
        }
        var now = time.UtcNow();
        var matches = index.EventIds(terms);
        return await db.Events.AsNoTracking()
            .Where(e => matches.Contains(e.Id) && e.CancelledAt == null)
            .VisibleTo(db, viewer)
            .OrderByDescending(e => e.EndsAt >= now || e.Recurrence != null).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, offset)).Take(Math.Clamp(limit, 1, MaxLimit + 1))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The account or post a URL of this server points at (<see cref="LocalUrl"/>), when the viewer may see it;
    /// nothing for other servers' URLs, since remote look-ups come with federation.
    /// </summary>
    public async Task<LocalResource> ResolveAsync(string query, string baseUrl, Viewer viewer, CancellationToken ct = default)
    {
        if (LocalUrl.Parse(query, baseUrl) is not (string username, var statusId))
        {
            return new LocalResource(null, null);
        }
        var normalized = Usernames.Normalize(username);
        if (statusId is { } id)
        {
            var found = await statuses.ManyAsync([id], viewer, ct);
            var status = found.Count > 0 ? found[0] : null;
            return new LocalResource(null, status is { ReblogOfId: null } && status.Account.UsernameNormalized == normalized && status.Account.Domain is null ? status : null);
        }
        var me = viewer.AccountId ?? 0;
        var account = await db.Accounts.AsNoTracking()
            .Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User)
            .AsSplitQuery()
            .Visible()
            .Where(a => a.UsernameNormalized == normalized && a.Domain == null)
            .WithoutBlocksWith(db.Blocks, me, a => a.Id)
            .FirstOrDefaultAsync(ct);
        return new LocalResource(account, null);
    }

    /// <summary>The statuses search may return to a member: readable, not by a muted author, and indexable for them.</summary>
    private IQueryable<Status> Searchable(Viewer viewer, long me)
    {
        var now = time.UtcNow();
        var muted = db.Mutes.Live(now).Where(m => m.AccountId == me).Select(m => m.TargetAccountId);
        var limits = db.ActiveLimits();
        return db.Statuses.VisibleTo(db, viewer)
            .Where(s => !muted.Contains(s.AccountId))
            .Where(s => (s.Account.Discoverable && !limits.Any(k => k.AccountId == s.AccountId)) || s.AccountId == me
                || s.Mentions.Any(m => m.AccountId == me)
                || db.Favourites.Any(f => f.AccountId == me && f.StatusId == s.Id)
                || db.Bookmarks.Any(b => b.AccountId == me && b.StatusId == s.Id));
    }
}
