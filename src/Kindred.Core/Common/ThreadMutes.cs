using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Common;

/// <summary>Reading conversation mutes (ADR 78), for notifications and for the status entity's <c>muted</c>; written by
/// <c>Statuses.StatusMutes</c>.</summary>
public static class ThreadMutes
{
    /// <summary>Which of <paramref name="statusIds"/> are in a thread <paramref name="accountId"/> muted; no work for a
    /// member who muted none.</summary>
    public static async Task<IReadOnlySet<long>> MutedAsync(KindredDbContext db, long accountId, IReadOnlyCollection<long> statusIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (statusIds.Count == 0 || !await db.StatusMutes.AnyAsync(m => m.AccountId == accountId, ct))
        {
            return new HashSet<long>();
        }
        var roots = await ThreadRoots.RootsAsync(db, statusIds, ct);
        var rootIds = roots.Values.Distinct().ToList();
        var muted = (await db.StatusMutes.Where(m => m.AccountId == accountId && rootIds.Contains(m.StatusId)).Select(m => m.StatusId).ToListAsync(ct)).ToHashSet();
        return roots.Where(r => muted.Contains(r.Value)).Select(r => r.Key).ToHashSet();
    }
}
