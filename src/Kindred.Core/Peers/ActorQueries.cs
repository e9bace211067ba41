using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Federation;
using Kindred.Core.Media;
using Kindred.Core.PublicFace;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Peers;

/// <summary>
/// What other servers may read (the "federated" read path, ADR 95). Posts come through <see cref="StatusVisibility"/>
/// for an anonymous viewer and are then narrowed to public and unlisted originals, so members-only, followers-only,
/// direct and group-only posts and the posts of suspended or gone accounts never render, whoever asks. Accounts are
/// local and active (<see cref="ProfileQueries.FindPublicProfileAsync"/>); groups are public ones only.
/// </summary>
public sealed class ActorQueries(KindredDbContext db, PublicQueries publicQueries)
{
    public const int PageSize = 20;

    /// <summary>A local active account by username, with its profile fields; null otherwise.</summary>
    public async Task<Account?> AccountAsync(string username, CancellationToken ct = default) =>
        username.Length is 0 or > Usernames.MaxLength ? null : await db.FindPublicProfileAsync(username, ct);

    /// <summary>The username of a local account by id; null for an unknown or remote one.</summary>
    public Task<string?> UsernameAsync(long accountId, CancellationToken ct = default) =>
        db.Accounts.AsNoTracking().Where(a => a.Id == accountId && a.Domain == null).Select(a => a.Username).FirstOrDefaultAsync(ct);

    /// <summary>A public group by slug; null for unknown, members-only and secret groups alike.</summary>
    public Task<Group?> GroupAsync(string slug, CancellationToken ct = default) => publicQueries.GroupAsync(slug, ct);

    /// <summary>A public group by id; null for unknown, members-only and secret groups alike.</summary>
    public Task<Group?> PublicGroupAsync(long id, CancellationToken ct = default) =>
        db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id && g.Visibility == GroupVisibility.Public, ct);

    /// <summary>The organization's own account id (ADR 55): that account is an <c>Organization</c> actor.</summary>
    public Task<long?> OrganizationAccountIdAsync(CancellationToken ct = default) =>
        db.Organizations.AsNoTracking().Select(o => o.AccountId).FirstOrDefaultAsync(ct);

    /// <summary>How many active local accounts follow the account, and how many it follows.</summary>
    public async Task<(int Followers, int Following)> FollowCountsAsync(long accountId, CancellationToken ct = default) =>
        (await Followers(accountId).CountAsync(ct), await Following(accountId).CountAsync(ct));

    /// <summary>A page of follower (or followed) usernames, newest follow first, before the follow id <paramref name="maxId"/>.</summary>
    public async Task<IReadOnlyList<(long FollowId, string Username)>> FollowPageAsync(long accountId, bool followers, long? maxId, CancellationToken ct = default)
    {
        var follows = followers ? Followers(accountId) : Following(accountId);
        var rows = await follows.Where(f => maxId == null || f.FollowId < maxId).OrderByDescending(f => f.FollowId).Take(PageSize)
            .Select(f => new { f.FollowId, f.Username }).ToListAsync(ct);
        return [.. rows.Select(r => (r.FollowId, r.Username))];
    }

    /// <summary>How many public posts the account's (or the group's) outbox holds.</summary>
    public Task<int> OutboxCountAsync(long? accountId, long? groupId, CancellationToken ct = default) => Outbox(accountId, groupId).CountAsync(ct);

    /// <summary>A page of the outbox, newest first, before <paramref name="maxId"/>.</summary>
    public Task<IReadOnlyList<Status>> OutboxPageAsync(long? accountId, long? groupId, long? maxId, CancellationToken ct = default) =>
        LoadAsync(Outbox(accountId, groupId).Where(s => maxId == null || s.Id < maxId), PageSize, ct);

    /// <summary>The account's pinned public posts (Mastodon's <c>featured</c> collection).</summary>
    public Task<IReadOnlyList<Status>> FeaturedAsync(long accountId, CancellationToken ct = default) =>
        LoadAsync(Outbox(accountId, null).Where(s => s.PinnedAt != null), PageSize, ct);

    /// <summary>A public group's pinned public posts (its <c>featured</c> collection).</summary>
    public Task<IReadOnlyList<Status>> GroupFeaturedAsync(long groupId, CancellationToken ct = default) =>
        LoadAsync(Outbox(null, groupId).Where(s => s.GroupId == groupId && s.GroupPinnedAt != null), PageSize, ct);

    /// <summary>A post another server may read, by its author and id; see <see cref="FederatedStatus"/>.</summary>
    public async Task<FederatedStatus> StatusAsync(string username, long id, CancellationToken ct = default)
    {
        var account = await AccountAsync(username, ct);
        if (account is null)
        {
            return new FederatedStatus(null, false);
        }
        var status = await db.Statuses.AsNoTracking().Include(s => s.Account)
            .FirstOrDefaultAsync(s => s.Id == id && s.AccountId == account.Id, ct);
        if (status is null)
        {
            return new FederatedStatus(null, false);
        }
        // Only a post that was once readable may say it is gone: a deleted direct message stays a plain 404.
        if (status.DeletedAt is not null)
        {
            var wasReadable = status.Visibility is Audience.Public or Audience.Unlisted && status.ReblogOfId is null
                && (status.GroupId is null || await db.Groups.AnyAsync(g => g.Id == status.GroupId && g.Visibility == GroupVisibility.Public, ct));
            return new FederatedStatus(null, wasReadable);
        }
        // The same SQL rule as the outbox, so a Note dereferences exactly when it could appear in one.
        if (!await Readable().AnyAsync(s => s.Id == id, ct))
        {
            return new FederatedStatus(null, false);
        }
        var loaded = await LoadAsync(db.Statuses.Where(s => s.Id == id), 1, ct);
        return new FederatedStatus(loaded.Count > 0 ? loaded[0] : null, false);
    }

    /// <summary>Ids of the posts a page answers to, mapped to their addresses' parts, for the ones another server may
    /// read; a reply to a post it may not read names no parent.</summary>
    public async Task<Dictionary<long, string>> ReadableAuthorsAsync(IEnumerable<long> statusIds, CancellationToken ct = default)
    {
        var ids = statusIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        return await Readable().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Account.Username }).ToDictionaryAsync(s => s.Id, s => s.Username, ct);
    }

    /// <summary>The remote posts a page answers to, by id: the Note's id and its author's actor, handle parts included,
    /// for the ones still there and public or unlisted. A reply to anything else names no parent.</summary>
    public async Task<Dictionary<long, RemoteParent>> RemoteParentsAsync(IEnumerable<long> statusIds, CancellationToken ct = default)
    {
        var ids = statusIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await (from s in db.Statuses.AsNoTracking()
                          join r in db.RemoteActors.AsNoTracking() on s.AccountId equals r.AccountId
                          where ids.Contains(s.Id) && s.Uri != null && s.DeletedAt == null
                              && (s.Visibility == Audience.Public || s.Visibility == Audience.Unlisted)
                          select new { s.Id, s.Uri, r.ActorUri, s.Account.Username, s.Account.Domain }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new RemoteParent(r.Uri!, r.ActorUri, $"@{r.Username}@{r.Domain}"));
    }

    /// <summary>The usernames of these accounts, for the local active ones (a post's mentions).</summary>
    public async Task<Dictionary<long, string>> UsernamesAsync(IEnumerable<long> accountIds, CancellationToken ct = default)
    {
        var ids = accountIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Accounts.AsNoTracking().Visible().Where(a => ids.Contains(a.Id) && a.Domain == null)
            .ToDictionaryAsync(a => a.Id, a => a.Username, ct);
    }

    /// <summary>The actor ids and handles (<c>user@host</c>) of these accounts, for the remote ones (a post's mentions
    /// of accounts on other servers, ADR 105).</summary>
    public async Task<Dictionary<long, (string ActorUri, string Handle)>> RemoteMentionsAsync(IEnumerable<long> accountIds, CancellationToken ct = default)
    {
        var ids = accountIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await (from a in db.Accounts.AsNoTracking().Visible()
                          join r in db.RemoteActors.AsNoTracking() on a.Id equals r.AccountId
                          where ids.Contains(a.Id) && a.Domain != null
                          select new { a.Id, r.ActorUri, a.Username, a.Domain }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => (r.ActorUri, r.Username + "@" + r.Domain));
    }

    /// <summary>The images of the posts, in their authors' order.</summary>
    public Task<ILookup<long, MediaAttachment>> MediaAsync(IReadOnlyCollection<long> statusIds, CancellationToken ct = default) =>
        StatusMedia.OfStatusesAsync(db, statusIds, ct);

    /// <summary>The group slugs of these group ids (a post's <c>audience</c>), public groups only.</summary>
    public async Task<Dictionary<long, string>> GroupSlugsAsync(IEnumerable<long> groupIds, CancellationToken ct = default)
    {
        var ids = groupIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Groups.AsNoTracking().Where(g => ids.Contains(g.Id) && g.Visibility == GroupVisibility.Public)
            .ToDictionaryAsync(g => g.Id, g => g.Slug, ct);
    }

    private IQueryable<Status> Readable() =>
        db.Statuses.AsNoTracking().VisibleTo(db, Viewer.Anonymous)
            .Where(s => s.Account.Domain == null && (s.Visibility == Audience.Public || s.Visibility == Audience.Unlisted) && s.ReblogOfId == null);

    private IQueryable<Status> Outbox(long? accountId, long? groupId) =>
        Readable().Where(s => s.Visibility == Audience.Public && (accountId == null || s.AccountId == accountId) && (groupId == null || s.GroupId == groupId));

    private IQueryable<FollowRow> Followers(long accountId) =>
        from f in db.Follows.AsNoTracking()
        join a in db.Accounts.AsNoTracking().Visible() on f.AccountId equals a.Id
        where f.TargetAccountId == accountId && a.Domain == null
        select new FollowRow { FollowId = f.Id, Username = a.Username };

    private IQueryable<FollowRow> Following(long accountId) =>
        from f in db.Follows.AsNoTracking()
        join a in db.Accounts.AsNoTracking().Visible() on f.TargetAccountId equals a.Id
        where f.AccountId == accountId && a.Domain == null
        select new FollowRow { FollowId = f.Id, Username = a.Username };

    private async Task<IReadOnlyList<Status>> LoadAsync(IQueryable<Status> statuses, int limit, CancellationToken ct)
    {
        var ids = await statuses.OrderByDescending(s => s.Id).Select(s => s.Id).Take(limit).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return [];
        }
        var loaded = await StatusDetails.WithDetails(db.Statuses.AsNoTracking().Where(s => ids.Contains(s.Id))).ToDictionaryAsync(s => s.Id, ct);
        return [.. ids.Where(loaded.ContainsKey).Select(i => loaded[i])];
    }

    private sealed class FollowRow
    {
        public long FollowId { get; init; }
        public string Username { get; init; } = "";
    }
}
