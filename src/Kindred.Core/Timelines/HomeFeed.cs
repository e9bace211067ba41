using System.Text;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Timelines;

/// <summary>
/// Writes the home feed index (ADR 12): a new status goes to its author and their followers in the same transaction
/// as the status; a new follow brings in the followee's recent statuses; unfollowing and blocking take them out.
/// Nothing here decides who may read a status: the home timeline re-checks every entry with the visibility rule.
/// </summary>
public static class HomeFeed
{
    /// <summary>Entries kept per member, as Mastodon caps its feeds.</summary>
    public const int MaxEntries = 800;

    /// <summary>How many recent statuses of a newly followed account are brought into the follower's feed.</summary>
    public const int BackfillCount = 40;

    /// <summary>
    /// Writes <paramref name="status"/> into the feeds it belongs in. As Mastodon's fan-out does: a boost reaches
    /// followers who show that account's boosts; a direct post reaches only the mentioned accounts who follow the author;
    /// everything else reaches all followers. The status (and its mentions) must be saved already, and the caller's
    /// transaction must still be open, so that the entries commit with the status and the stream events published at
    /// the commit find them (ADR 16).
    /// </summary>
    /// <remarks>
    /// One <c>INSERT … SELECT</c> from the follows, in the same SQL on both databases (ADR 40): EF Core cannot insert
    /// from a query, and adding 5,000 tracked entries for a well-followed author took most of the posting request.
    /// </remarks>
    public static async Task FanOutAsync(KindredDbContext db, Status status, CancellationToken ct)
    {
        // A post in a members-only or secret group (or a boost of one) reaches only the followers who are in the group:
        // the others could never read it, so their entries would be work for nothing (ADR 21).
        var groupId = status.GroupId ?? (status.ReblogOfId is { } originalId
            ? await db.Statuses.Where(s => s.Id == originalId).Select(s => s.GroupId).FirstOrDefaultAsync(ct)
            : null);
        var closedGroup = groupId is { } inGroup && !await db.Groups.AnyAsync(g => g.Id == inGroup && g.Visibility == GroupVisibility.Public, ct);
        // {0} the status, {1} its author, {2} its group; each condition is in the text only when it applies, so every
        // shape of the statement keeps a plan of its own.
        var sql = new StringBuilder("""
            INSERT INTO "HomeFeedEntries" ("AccountId", "StatusId")
            SELECT f."AccountId", {0} FROM "Follows" AS f
            WHERE f."TargetAccountId" = {1} AND f."AccountId" <> {1}
            """);
        if (status.ReblogOfId is not null)
        {
            sql.Append(""" AND f."ShowReblogs" """);
        }
        if (status.Visibility == Audience.Direct)
        {
            sql.Append(""" AND EXISTS (SELECT 1 FROM "StatusMentions" AS m WHERE m."StatusId" = {0} AND m."AccountId" = f."AccountId")""");
        }
        if (closedGroup)
        {
            sql.Append(""" AND EXISTS (SELECT 1 FROM "GroupMemberships" AS g WHERE g."GroupId" = {2} AND g."AccountId" = f."AccountId")""");
        }
        sql.Append(""" UNION ALL SELECT {1}, {0}""");
        object[] values = closedGroup ? [status.Id, status.AccountId, groupId!.Value] : [status.Id, status.AccountId];
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
    }

    /// <summary>Adds the followee's recent statuses to a new follower's feed, for the caller's SaveChanges.</summary>
    public static async Task BackfillAsync(KindredDbContext db, long followerId, long targetId, bool showReblogs, CancellationToken ct)
    {
        var statuses = db.Statuses.Where(s => s.AccountId == targetId && s.DeletedAt == null && s.Visibility != Audience.Direct)
            .Where(s => s.GroupId == null
                || db.Groups.Any(g => g.Id == s.GroupId && g.Visibility == GroupVisibility.Public)
                || db.GroupMemberships.Any(m => m.GroupId == s.GroupId && m.AccountId == followerId));
        if (!showReblogs)
        {
            statuses = statuses.Where(s => s.ReblogOfId == null);
        }
        var ids = await statuses
            .Where(s => !db.HomeFeedEntries.Any(e => e.AccountId == followerId && e.StatusId == s.Id))
            .OrderByDescending(s => s.Id).Take(BackfillCount).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in ids.Where(id => db.HomeFeedEntries.Local.All(e => e.AccountId != followerId || e.StatusId != id)))
        {
            db.HomeFeedEntries.Add(new HomeFeedEntry { AccountId = followerId, StatusId = id });
        }
    }

    /// <summary>Takes <paramref name="authorId"/>'s statuses (posts and boosts) out of <paramref name="accountId"/>'s feed.</summary>
    public static Task<int> RemoveAuthorAsync(KindredDbContext db, long accountId, long authorId, CancellationToken ct) =>
        db.HomeFeedEntries
            .Where(e => e.AccountId == accountId && db.Statuses.Any(s => s.Id == e.StatusId && s.AccountId == authorId))
            .ExecuteDeleteAsync(ct);

    /// <summary>Drops a member's entries beyond the newest <see cref="MaxEntries"/>.</summary>
    public static async Task TrimAsync(KindredDbContext db, long accountId, CancellationToken ct)
    {
        var entries = db.HomeFeedEntries.Where(e => e.AccountId == accountId);
        var oldestKept = await entries.OrderByDescending(e => e.StatusId).Skip(MaxEntries - 1).Select(e => (long?)e.StatusId).FirstOrDefaultAsync(ct);
        // A DELETE is a write (on SQLite it takes the database's one write lock even when it removes nothing), so it
        // runs only when there is something beyond the cap: a full feed that was trimmed before reads without writing.
        if (oldestKept is { } cutoff && await entries.AnyAsync(e => e.StatusId < cutoff, ct))
        {
            await entries.Where(e => e.StatusId < cutoff).ExecuteDeleteAsync(ct);
        }
    }
}
