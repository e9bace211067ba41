using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Timelines;

/// <summary>
/// Writes the home feed index (ADR 12): a new status goes to its author and their followers in the same SaveChanges
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
    /// Adds <paramref name="status"/> (not saved yet) to the feeds it belongs in, for the caller's SaveChanges. As
    /// Mastodon's fan-out does: a boost reaches followers who show that account's boosts; a direct post reaches only
    /// the mentioned accounts who follow the author; everything else reaches all followers.
    /// </summary>
    public static async Task FanOutAsync(KindredDbContext db, Status status, CancellationToken ct)
    {
        var followers = db.Follows.Where(f => f.TargetAccountId == status.AccountId);
        if (status.ReblogOfId is not null)
        {
            followers = followers.Where(f => f.ShowReblogs);
        }
        // A post in a members-only or secret group (or a boost of one) reaches only the followers who are in the group:
        // the others could never read it, so their entries would be work for nothing (ADR 21).
        var groupId = status.GroupId ?? (status.ReblogOfId is { } originalId
            ? await db.Statuses.Where(s => s.Id == originalId).Select(s => s.GroupId).FirstOrDefaultAsync(ct)
            : null);
        if (groupId is { } inGroup && !await db.Groups.AnyAsync(g => g.Id == inGroup && g.Visibility == GroupVisibility.Public, ct))
        {
            followers = followers.Where(f => db.GroupMemberships.Any(m => m.GroupId == inGroup && m.AccountId == f.AccountId));
        }
        var ids = await followers.Select(f => f.AccountId).ToListAsync(ct);
        if (status.Visibility == Audience.Direct)
        {
            var mentioned = status.Mentions.Select(m => m.AccountId).ToHashSet();
            ids = ids.Where(mentioned.Contains).ToList();
        }
        foreach (var accountId in ids.Append(status.AccountId).Distinct())
        {
            db.HomeFeedEntries.Add(new HomeFeedEntry { AccountId = accountId, StatusId = status.Id });
        }
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
