using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Web.Aid;

/// <summary>What the new and edit pages load besides the item: the groups a member may share with.</summary>
public static class AidPages
{
    public static async Task<IReadOnlyList<Group>> GroupsOfAsync(KindredDbContext db, long accountId) =>
        await db.Groups.AsNoTracking()
            .Where(g => db.GroupMemberships.Any(m => m.GroupId == g.Id && m.AccountId == accountId))
            .OrderBy(g => g.Name).ToListAsync();
}
