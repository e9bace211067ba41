using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Media;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.PublicFace;

/// <summary>
/// What the open web may read about this community: the landing page's groups and the RSS/Atom feeds (ADR 24). Every
/// post comes through <see cref="StatusVisibility"/> for an anonymous viewer and is then narrowed to public originals,
/// so unlisted, members-only, followers-only and direct posts, posts of non-public groups and posts of accounts that
/// are not active never appear — whoever asks.
/// </summary>
public sealed class PublicQueries(KindredDbContext db)
{
    /// <summary>How many posts a feed carries: the newest ones, as Mastodon's feeds do.</summary>
    public const int FeedSize = 20;

    private const int MaxSlugLength = 60;

    /// <summary>How many members the community has: active accounts, as the about and landing pages say.</summary>
    public Task<int> MemberCountAsync(CancellationToken ct = default) => db.Users.Active().CountAsync(ct);

    /// <summary>The organization's row (its name, description and language for the feeds), or null before setup.</summary>
    public Task<Organization?> OrganizationAsync(CancellationToken ct = default) => db.Organizations.AsNoTracking().FirstOrDefaultAsync(ct);

    /// <summary>The username of the organization's own account (ADR 55), or null when it has none.</summary>
    public Task<string?> UsernameAsync(long? accountId, CancellationToken ct = default) => accountId is { } id
        ? db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => a.Username).FirstOrDefaultAsync(ct)
        : Task.FromResult<string?>(null);

    /// <summary>The community's rules in their order.</summary>
    public Task<IReadOnlyList<InstanceRule>> RulesAsync(CancellationToken ct = default) => db.ListRulesAsync(ct);

    /// <summary>Public groups, the most recently active first, then the largest.</summary>
    public async Task<IReadOnlyList<Group>> GroupsAsync(int limit, CancellationToken ct = default) =>
        await db.Groups.AsNoTracking()
            .Where(g => g.Visibility == GroupVisibility.Public)
            // Groups nobody has posted in yet go last on both databases (they order NULL differently).
            .OrderByDescending(g => g.LastStatusAt != null)
            .ThenByDescending(g => g.LastStatusAt)
            .ThenByDescending(g => g.MembersCount)
            .ThenBy(g => g.Id)
            .Take(limit)
            .ToListAsync(ct);

    /// <summary>
    /// A local member whose profile may be described to the open web: active, and not one who asked to be left out of
    /// suggestions and search engines (<see cref="Account.Discoverable"/> off). Null otherwise.
    /// </summary>
    public async Task<Account?> ProfileAsync(string username, CancellationToken ct = default)
    {
        if (username.Length is 0 or > Usernames.MaxLength)
        {
            return null;
        }
        var account = await db.FindPublicProfileAsync(username, ct);
        return account is { Discoverable: true } ? account : null;
    }

    /// <summary>A public group by its slug; null for unknown, members-only and secret groups alike.</summary>
    public async Task<Group?> GroupAsync(string slug, CancellationToken ct = default)
    {
        if (slug.Length is 0 or > MaxSlugLength)
        {
            return null;
        }
        var normalized = slug.ToLowerInvariant();
        return await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == normalized && g.Visibility == GroupVisibility.Public, ct);
    }

    /// <summary>A hashtag that has been used, by any spelling; null when nobody has used it.</summary>
    public async Task<Tag?> TagAsync(string tag, CancellationToken ct = default)
    {
        var name = tag.Length is > 0 and <= 100 ? TagNames.Normalize(tag) : "";
        return name.Length == 0 ? null : await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, ct);
    }

    /// <summary>The member's newest public posts and threads of their own; replies to others stay on the site, as the
    /// profile's "Posts" tab shows them.</summary>
    public Task<IReadOnlyList<Status>> ProfilePostsAsync(long accountId, CancellationToken ct = default) =>
        NewestAsync(Public().Where(s => s.AccountId == accountId && (s.InReplyToId == null || s.InReplyToAccountId == accountId)), ct);

    public Task<IReadOnlyList<Status>> TagPostsAsync(long tagId, CancellationToken ct = default) =>
        NewestAsync(Public().Where(s => s.Tags.Any(t => t.TagId == tagId)), ct);

    /// <summary>The group's public posts and those of its chapters that surface in it (ADR 20); a chapter that is not
    /// public contributes nothing, because the visibility rule already hides its posts from anonymous readers.</summary>
    public Task<IReadOnlyList<Status>> GroupPostsAsync(long groupId, CancellationToken ct = default) =>
        NewestAsync(Public().Where(s => s.GroupId == groupId
            || db.Groups.Any(c => c.Id == s.GroupId && c.ParentId == groupId && c.SurfaceInParent)), ct);

    /// <summary>The newest public posts of the whole community (the landing page shows a few).</summary>
    public Task<IReadOnlyList<Status>> RecentPostsAsync(int limit, CancellationToken ct = default) =>
        NewestAsync(Public(), ct, limit);

    /// <summary>
    /// Whether a loaded status may be described to the open web (link previews, JSON-LD, share links): a public
    /// original that an anonymous visitor may read. A public-audience post in a members-only group is not.
    /// </summary>
    public async Task<bool> IsPublicAsync(Status status, CancellationToken ct = default) =>
        status.Visibility == Audience.Public && status.ReblogOfId is null
        && await StatusVisibility.CanSeeAsync(db, status, Viewer.Anonymous, ct);

    /// <summary>The images of <paramref name="statusIds"/>, in the order their authors gave them.</summary>
    public Task<ILookup<long, MediaAttachment>> MediaAsync(IReadOnlyCollection<long> statusIds, CancellationToken ct = default) =>
        StatusMedia.OfStatusesAsync(db, statusIds, ct);

    private IQueryable<Status> Public() =>
        db.Statuses.AsNoTracking().VisibleTo(db, Viewer.Anonymous)
            .Where(s => s.Visibility == Audience.Public && s.ReblogOfId == null);

    /// <summary>Ids first, then details for just those (the same two steps as StatusQueries' pages).</summary>
    private async Task<IReadOnlyList<Status>> NewestAsync(IQueryable<Status> statuses, CancellationToken ct, int limit = FeedSize)
    {
        var ids = await statuses.OrderByDescending(s => s.Id).Select(s => s.Id).Take(limit).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return [];
        }
        var loaded = await StatusDetails.WithDetails(db.Statuses.AsNoTracking().Where(s => ids.Contains(s.Id))).ToDictionaryAsync(s => s.Id, ct);
        return ids.Where(loaded.ContainsKey).Select(id => loaded[id]).ToList();
    }
}
