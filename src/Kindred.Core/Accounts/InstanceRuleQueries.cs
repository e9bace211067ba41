using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Accounts;

/// <summary>The server rules a newcomer accepts when joining.</summary>
public static class InstanceRuleQueries
{
    public static async Task<IReadOnlyList<InstanceRule>> ListRulesAsync(this KindredDbContext db, CancellationToken ct = default) =>
        await db.InstanceRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(ct);
}
