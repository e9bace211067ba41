using System.Globalization;
using System.Text;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Timelines;

/// <summary>
/// Writes the home feed index (ADR 12): a new status goes to its author and their followers in the same transaction
/// as the status, or for a large audience to the author at once and to the followers in a job (ADR 62); a new follow
/// brings in the followee's recent statuses; unfollowing and blocking take them out. Nothing here decides who
/// may read a status: the home timeline re-checks every entry with the visibility rule.
/// </summary>
public sealed class HomeFeed(KindredDbContext db, JobQueue jobs, IStreamHub hub)
{
    /// <summary>Entries kept per member, as Mastodon caps its feeds.</summary>
    public const int MaxEntries = 800;

    /// <summary>How many recent statuses of a newly followed account are brought into the follower's feed.</summary>
    public const int BackfillCount = 40;

    /// <summary>
    /// Followers beyond which a status reaches them through a <see cref="HomeFeedFanOutJob"/> rather than inside the
    /// posting request. Below it the one INSERT … SELECT takes a few milliseconds and followers see the post at once;
    /// above it the insert grows with the audience and holds SQLite's one write lock meanwhile, so it moves out of the
    /// request. 200 covers the followers of nearly every member
    /// of a charity's community; only the organization and a few well-followed accounts go through the job.
    /// </summary>
    public const int ImmediateAudience = 200;

    /// <summary>
    /// Writes <paramref name="status"/> into the feeds it belongs in. As Mastodon's fan-out does: a boost reaches
    /// followers who show that account's boosts; a direct post reaches only the mentioned accounts who follow the author;
    /// everything else reaches all followers. The status (and its mentions) must be saved already, and the caller's
    /// transaction must still be open, so that the entries (or the job) commit with the status and the stream events
    /// published at the commit find them (ADR 16). The author's own entry is always written here, so they see their
    /// post at once; with more than <see cref="ImmediateAudience"/> followers the rest is a job, saved here too.
    /// </summary>
    /// <remarks>
    /// One <c>INSERT … SELECT</c> from the follows, in the same SQL on both databases (ADR 40): EF Core cannot insert
    /// from a query, and adding 5,000 tracked entries for a well-followed author took most of the posting request.
    /// </remarks>
    public async Task FanOutAsync(Status status, CancellationToken ct)
    {
        var followers = await db.Follows.Where(f => f.TargetAccountId == status.AccountId && f.AccountId != status.AccountId)
            .Take(ImmediateAudience + 1).CountAsync(ct);
        if (followers <= ImmediateAudience)
        {
            var (sql, values) = await FollowersSqlAsync(status, later: false, ct);
            await db.Database.ExecuteSqlRawAsync(sql, values, ct);
            await FanOutToTagFollowersAsync(status, ct);
            return;
        }
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO "HomeFeedEntries" ("AccountId", "StatusId") VALUES ({0}, {1})""",
            [status.AccountId, status.Id], ct);
        await FanOutToTagFollowersAsync(status, ct);
        await jobs.AddOnceAsync(HomeFeedFanOutJob.Name, status.Id.ToString(CultureInfo.InvariantCulture), new HomeFeedFanOut(status.Id), ct: ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The job's part of <see cref="FanOutAsync"/>: the followers' entries of a saved status, skipping entries already
    /// there, so a retry after a failure (or a second run after a process died) adds nothing twice. A status deleted
    /// before the job ran reaches nobody; one deleted while it ran has its entries taken out again. Then the followers'
    /// open home streams hear of it. Answers how many entries it added.
    /// </summary>
    public async Task<int> FanOutLaterAsync(long statusId, CancellationToken ct)
    {
        var status = await db.Statuses.AsNoTracking().FirstOrDefaultAsync(s => s.Id == statusId, ct);
        if (status is null || status.DeletedAt is not null)
        {
            return 0;
        }
        var (sql, values) = await FollowersSqlAsync(status, later: true, ct);
        var added = await db.Database.ExecuteSqlRawAsync(sql, values, ct);
        // A delete that committed while the insert ran could not see the new entries; the deleted mark it left can be.
        if (await db.Statuses.AnyAsync(s => s.Id == statusId && s.DeletedAt != null, ct))
        {
            await RemoveStatusAsync(statusId, ct);
            return 0;
        }
        if (added > 0)
        {
            hub.Publish(StreamEvent.StatusFannedOut(statusId));
        }
        return added;
    }

    /// <summary>
    /// Writes a status into the feeds of the members who follow one of its hashtags (ADR 80), as Mastodon does for
    /// public originals only: a post that would be listed on the hashtag timeline (public, or members-only since every
    /// tag follower is a member), not a boost, not in a closed group, not by a limited author. Members who block the
    /// author or are blocked by them, and members who already have the entry (they follow the author), are skipped;
    /// mutes are left to the reads, which leave muted authors out and show them again when a mute ends. Runs in the
    /// posting request: the tags are in memory and statuses without tags, the most, cost nothing.
    /// </summary>
    private async Task FanOutToTagFollowersAsync(Status status, CancellationToken ct)
    {
        var tagIds = status.Tags.Select(t => t.TagId).Distinct().ToList();
        if (tagIds.Count == 0 || status.ReblogOfId is not null || status.Visibility is not (Audience.Public or Audience.Members))
        {
            return;
        }
        if (status.GroupId is { } groupId && !await db.Groups.AnyAsync(g => g.Id == groupId && g.Visibility == GroupVisibility.Public, ct))
        {
            return;
        }
        if (await db.ActiveLimits().AnyAsync(k => k.AccountId == status.AccountId, ct))
        {
            return;
        }
        var tags = string.Join(", ", tagIds.Select((_, i) => "{" + (i + 2).ToString(CultureInfo.InvariantCulture) + "}"));
        var sql = $$"""
            INSERT INTO "HomeFeedEntries" ("AccountId", "StatusId")
            SELECT DISTINCT t."AccountId", {0} FROM "TagFollows" AS t
            WHERE t."TagId" IN ({{tags}}) AND t."AccountId" <> {1}
            AND NOT EXISTS (SELECT 1 FROM "HomeFeedEntries" AS e WHERE e."AccountId" = t."AccountId" AND e."StatusId" = {0})
            AND NOT EXISTS (SELECT 1 FROM "Blocks" AS b WHERE (b."AccountId" = t."AccountId" AND b."TargetAccountId" = {1})
                OR (b."AccountId" = {1} AND b."TargetAccountId" = t."AccountId"))
            """;
        object[] values = [status.Id, status.AccountId, .. tagIds.Cast<object>()];
        await db.Database.ExecuteSqlRawAsync(sql, values, ct);
    }

    /// <summary>
    /// Takes the statuses with <paramref name="tagId"/> out of a member's feed when they unfollow the tag, except their
    /// own and those of accounts they follow (which are in the feed for that reason).
    /// </summary>
    public Task<int> RemoveTagAsync(long accountId, long tagId, CancellationToken ct) =>
        db.HomeFeedEntries
            .Where(e => e.AccountId == accountId && db.StatusTags.Any(t => t.StatusId == e.StatusId && t.TagId == tagId))
            .Where(e => !db.Statuses.Any(s => s.Id == e.StatusId
                && (s.AccountId == accountId || db.Follows.Any(f => f.AccountId == accountId && f.TargetAccountId == s.AccountId))))
            .ExecuteDeleteAsync(ct);

    /// <summary>Takes a status out of every feed: for the fan-out job when a delete committed while it wrote.</summary>
    private Task<int> RemoveStatusAsync(long statusId, CancellationToken ct) =>
        db.HomeFeedEntries.Where(e => e.StatusId == statusId).ExecuteDeleteAsync(ct);

    /// <summary>
    /// The fan-out as one INSERT … SELECT: the followers and the author at once, or <paramref name="later"/> (in the job)
    /// the followers whose entry is missing while the status stands. {0} the status, {1} its author, {2} its group; each
    /// condition is in the text only when it applies, so every shape of the statement keeps a plan of its own.
    /// </summary>
    private async Task<(string Sql, object[] Values)> FollowersSqlAsync(Status status, bool later, CancellationToken ct)
    {
        // A post in a members-only or secret group (or a boost of one) reaches only the followers who are in the group:
        // the others could never read it, so their entries would be work for nothing (ADR 21).
        var groupId = status.GroupId ?? (status.ReblogOfId is { } originalId
            ? await db.Statuses.Where(s => s.Id == originalId).Select(s => s.GroupId).FirstOrDefaultAsync(ct)
            : null);
        var closedGroup = groupId is { } inGroup && !await db.Groups.AnyAsync(g => g.Id == inGroup && g.Visibility == GroupVisibility.Public, ct);
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
        if (later)
        {
            sql.Append(""" AND NOT EXISTS (SELECT 1 FROM "HomeFeedEntries" AS e WHERE e."AccountId" = f."AccountId" AND e."StatusId" = {0})""");
            sql.Append(""" AND EXISTS (SELECT 1 FROM "Statuses" AS s WHERE s."Id" = {0} AND s."DeletedAt" IS NULL)""");
        }
        else
        {
            sql.Append(""" UNION ALL SELECT {1}, {0}""");
        }
        object[] values = closedGroup ? [status.Id, status.AccountId, groupId!.Value] : [status.Id, status.AccountId];
        return (sql.ToString(), values);
    }

    /// <summary>Adds the followee's recent statuses to a new follower's feed, for the caller's SaveChanges.</summary>
    public async Task BackfillAsync(long followerId, long targetId, bool showReblogs, CancellationToken ct)
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
    public Task<int> RemoveAuthorAsync(long accountId, long authorId, CancellationToken ct) =>
        db.HomeFeedEntries
            .Where(e => e.AccountId == accountId && db.Statuses.Any(s => s.Id == e.StatusId && s.AccountId == authorId))
            .ExecuteDeleteAsync(ct);

    /// <summary>Drops a member's entries beyond the newest <see cref="MaxEntries"/>.</summary>
    public async Task TrimAsync(long accountId, CancellationToken ct)
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
