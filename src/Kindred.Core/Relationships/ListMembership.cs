using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Relationships;

/// <summary>Pieces of list membership that other features call: relationships take people out of lists, the home
/// timeline leaves out members of exclusive lists, streaming asks who is in which list.</summary>
public static class ListMembership
{
    /// <summary>
    /// Takes <paramref name="accountId"/> out of every list of <paramref name="ownerId"/>. Lists hold only accounts one
    /// follows, so unfollowing, being removed as a follower and blocking (either way) call this, as Mastodon does.
    /// </summary>
    public static Task RemoveAsync(KindredDbContext db, long ownerId, long accountId, CancellationToken ct) =>
        db.ListMembers.Where(m => m.AccountId == accountId && db.Lists.Any(l => l.Id == m.ListId && l.AccountId == ownerId)).ExecuteDeleteAsync(ct);

    /// <summary>The accounts whose posts stay out of <paramref name="ownerId"/>'s home timeline because they are in one
    /// of the owner's exclusive lists (a subquery, for SQL).</summary>
    public static IQueryable<long> ExclusiveMembers(KindredDbContext db, long ownerId) =>
        db.ListMembers.Where(m => db.Lists.Any(l => l.Id == m.ListId && l.AccountId == ownerId && l.Exclusive)).Select(m => m.AccountId);

    /// <summary>Whether <paramref name="authorId"/> is in list <paramref name="listId"/> of <paramref name="ownerId"/>
    /// (for the streaming "list" channel; the status itself must still pass the visibility rule and the replies policy).</summary>
    public static Task<bool> IsMemberAsync(KindredDbContext db, long ownerId, long listId, long authorId, CancellationToken ct = default) =>
        db.ListMembers.AnyAsync(m => m.ListId == listId && m.AccountId == authorId && db.Lists.Any(l => l.Id == listId && l.AccountId == ownerId), ct);

    /// <summary>Every (owner, list) whose list holds <paramref name="authorId"/>: where a new status of theirs may go live.</summary>
    public static async Task<IReadOnlyList<(long OwnerId, long ListId)>> ListsHoldingAsync(KindredDbContext db, long authorId, CancellationToken ct = default)
    {
        var rows = await db.ListMembers.Where(m => m.AccountId == authorId)
            .Join(db.Lists, m => m.ListId, l => l.Id, (m, l) => new { l.AccountId, l.Id })
            .ToListAsync(ct);
        return rows.Select(r => (r.AccountId, r.Id)).ToList();
    }
}
