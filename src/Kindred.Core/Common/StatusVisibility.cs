using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Common;

/// <summary>
/// THE one place that decides who may read a status. Every read path (single status, threads, timelines, lists,
/// "favourited by", and later search, streaming and notifications) goes through <see cref="VisibleTo"/> or
/// <see cref="CanSee"/>; a status a viewer may not see does not exist for them (404, never 403).
/// </summary>
/// <remarks>
/// Rules: public and unlisted — everyone; members-only — signed-in members of this server (never anonymous
/// visitors, never app tokens); private — the author, followers and mentioned accounts; direct — the author and
/// mentioned accounts. A status posted into a group that is not public (ADR 20) is read only by the group's members and
/// its author, on top of its own audience. Nobody sees statuses of an author they block or who blocks them; deleted statuses and those
/// of local accounts that are not active are seen by no one. A boost is visible only when its original is. A limited
/// author's statuses (ADR 67) are read only by the author's contacts (followers and the people the author follows), on
/// top of their own audience: mentioning a stranger does not reach them.
/// Administrators read like any member: moderation gets its own audited path, not a wider feed.
/// </remarks>
public static class StatusVisibility
{
    /// <summary>The statuses <paramref name="viewer"/> may read; translates to SQL on SQLite and PostgreSQL.</summary>
    public static IQueryable<Status> VisibleTo(this IQueryable<Status> statuses, KindredDbContext db, Viewer viewer)
    {
        // A correlated EXISTS, looked up by the original's key for each boost. `Contains` over the same subquery became an
        // uncorrelated `IN (SELECT …)`, which SQLite answers by first listing every status the viewer may read.
        var visibleOriginals = Readable(db.Statuses, db, viewer);
        return Readable(statuses, db, viewer).Where(s => s.ReblogOfId == null || visibleOriginals.Any(o => o.Id == s.ReblogOfId));
    }

    /// <summary>
    /// The same rule for one status already in memory, with its Account.User and Mentions loaded. For a boost, the
    /// caller checks the original as well.
    /// </summary>
    public static bool CanSee(Status status, Viewer viewer, ViewerFacts facts)
    {
        if (status.DeletedAt is not null || (status.Account.Domain is null && status.Account.User?.Status != UserStatus.Active))
        {
            return false;
        }
        if (viewer.AccountId is not { } id)
        {
            return facts.ReadsGroup && !facts.AuthorLimited && status.Visibility is Audience.Public or Audience.Unlisted;
        }
        if (status.AccountId == id)
        {
            return true;
        }
        if (facts.BlockedEitherWay || !facts.ReadsGroup || (facts.AuthorLimited && !facts.Contact))
        {
            return false;
        }
        var mentioned = status.Mentions.Any(m => m.AccountId == id);
        return status.Visibility switch
        {
            Audience.Public or Audience.Unlisted or Audience.Members => true,
            Audience.Private => facts.FollowsAuthor || mentioned,
            Audience.Direct => mentioned,
            _ => false,
        };
    }

    /// <summary>
    /// <see cref="CanSee"/> for one loaded status, reading the two facts it needs (follows the author, blocked either way)
    /// from the database. For a boost, the caller checks the original as well.
    /// </summary>
    public static async Task<bool> CanSeeAsync(KindredDbContext db, Status status, Viewer viewer, CancellationToken ct)
    {
        var facts = new ViewerFacts(false, false);
        if (viewer.AccountId == status.AccountId)
        {
            return CanSee(status, viewer, facts);
        }
        if (status.GroupId is { } groupId)
        {
            var viewerId = viewer.AccountId;
            facts = facts with
            {
                ReadsGroup = await db.Groups.AnyAsync(g => g.Id == groupId && g.Visibility == GroupVisibility.Public, ct)
                    || (viewerId != null && await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.AccountId == viewerId, ct)),
            };
        }
        var authorId = status.AccountId;
        facts = facts with { AuthorLimited = await db.ActiveLimits().AnyAsync(k => k.AccountId == authorId, ct) };
        if (viewer.AccountId is { } id)
        {
            facts = facts with
            {
                FollowsAuthor = await db.Follows.AnyAsync(f => f.AccountId == id && f.TargetAccountId == authorId, ct),
                BlockedEitherWay = await db.Blocks.Between(id, authorId).AnyAsync(ct),
            };
            facts = facts with
            {
                Contact = facts.FollowsAuthor || (facts.AuthorLimited && await db.Follows.AnyAsync(f => f.AccountId == authorId && f.TargetAccountId == id, ct)),
            };
        }
        return CanSee(status, viewer, facts);
    }

    /// <summary>Whether <paramref name="visibility"/> may be boosted: never followers-only or direct (their audience is chosen).</summary>
    public static bool CanBeBoosted(Audience visibility) => visibility is Audience.Public or Audience.Unlisted or Audience.Members;

    /// <summary>Whether statuses of <paramref name="visibility"/> appear in the public and hashtag timelines of <paramref name="viewer"/>.</summary>
    public static bool Listed(Audience visibility, Viewer viewer) =>
        visibility == Audience.Public || (visibility == Audience.Members && viewer.AccountId is not null);

    private static IQueryable<Status> Readable(IQueryable<Status> statuses, KindredDbContext db, Viewer viewer)
    {
        statuses = statuses.Where(s => s.DeletedAt == null
            && (s.Account.Domain != null || (s.Account.User != null && s.Account.User.Status == UserStatus.Active)));
        var limits = db.ActiveLimits();
        if (viewer.AccountId is not { } id)
        {
            return statuses.Where(s => !limits.Any(k => k.AccountId == s.AccountId))
                .Where(s => (s.Visibility == Audience.Public || s.Visibility == Audience.Unlisted)
                && (s.GroupId == null || db.Groups.Any(g => g.Id == s.GroupId && g.Visibility == GroupVisibility.Public)));
        }
        return statuses
            .Where(s => s.AccountId == id
                || !limits.Any(k => k.AccountId == s.AccountId)
                || db.Follows.Any(f => f.AccountId == id && f.TargetAccountId == s.AccountId)
                || db.Follows.Any(f => f.AccountId == s.AccountId && f.TargetAccountId == id))
            .Where(s => s.GroupId == null
                || s.AccountId == id
                || db.Groups.Any(g => g.Id == s.GroupId && g.Visibility == GroupVisibility.Public)
                || db.GroupMemberships.Any(m => m.GroupId == s.GroupId && m.AccountId == id))
            .Where(s => s.AccountId == id
                || s.Visibility == Audience.Public
                || s.Visibility == Audience.Unlisted
                || s.Visibility == Audience.Members
                || (s.Visibility == Audience.Private && db.Follows.Any(f => f.AccountId == id && f.TargetAccountId == s.AccountId))
                || ((s.Visibility == Audience.Private || s.Visibility == Audience.Direct) && s.Mentions.Any(m => m.AccountId == id)))
            // Nobody can block themselves, so this holds for the viewer's own statuses as well.
            .WithoutBlocksWith(db.Blocks, id, s => s.AccountId);
    }
}
