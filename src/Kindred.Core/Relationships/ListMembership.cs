using Kindred.Data;
using Kindred.Data.Entities;

namespace Kindred.Core.Relationships;

/// <summary>Pieces of list membership that other features call: relationships take people out of lists, the home
/// timeline leaves out members of exclusive lists. Query filters only: callers run them.</summary>
public static class ListMembership
{
    /// <summary>
    /// <paramref name="accountId"/>'s places in the lists of <paramref name="ownerId"/>. Lists hold only accounts one
    /// follows, so unfollowing, being removed as a follower and blocking (either way) delete these, as Mastodon does.
    /// </summary>
    public static IQueryable<AccountListMember> Places(KindredDbContext db, long ownerId, long accountId) =>
        db.ListMembers.Where(m => m.AccountId == accountId && db.Lists.Any(l => l.Id == m.ListId && l.AccountId == ownerId));

    /// <summary>The accounts whose posts stay out of <paramref name="ownerId"/>'s home timeline because they are in one
    /// of the owner's exclusive lists (a subquery, for SQL).</summary>
    public static IQueryable<long> ExclusiveMembers(KindredDbContext db, long ownerId) =>
        db.ListMembers.Where(m => db.Lists.Any(l => l.Id == m.ListId && l.AccountId == ownerId && l.Exclusive)).Select(m => m.AccountId);
}
