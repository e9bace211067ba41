using Kindred.Data.Entities;
using Kindred.Data.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Data.Sqlite.Jobs;

/// <summary>
/// SQLite has no row locks: each due job is claimed by one UPDATE guarded by the state and times it was read with.
/// Writers take turns on the database, so the second of two processes matches nothing and moves on.
/// </summary>
public sealed class SqliteJobClaims(KindredDbContext db) : IJobClaims
{
    public async Task<IReadOnlyList<long>> ClaimAsync(IReadOnlyCollection<string> kinds, string owner, DateTime now, DateTime until, int max, CancellationToken ct = default)
    {
        var candidates = await db.Jobs.AsNoTracking()
            .Where(j => kinds.Contains(j.Kind)
                && ((j.State == JobState.Pending && j.RunAt <= now) || (j.State == JobState.Running && j.ClaimExpiresAt <= now)))
            .OrderBy(j => j.RunAt).ThenBy(j => j.Id)
            .Select(j => j.Id)
            .Take(max)
            .ToListAsync(ct);
        var claimed = new List<long>(candidates.Count);
        foreach (var id in candidates)
        {
            var won = await db.Jobs
                .Where(j => j.Id == id
                    && ((j.State == JobState.Pending && j.RunAt <= now) || (j.State == JobState.Running && j.ClaimExpiresAt <= now)))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running).SetProperty(j => j.ClaimedBy, owner)
                    .SetProperty(j => j.ClaimExpiresAt, until).SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.UpdatedAt, now), ct);
            if (won == 1)
            {
                claimed.Add(id);
            }
        }
        return claimed;
    }
}
