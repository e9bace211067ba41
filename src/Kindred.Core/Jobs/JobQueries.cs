using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Jobs;

/// <summary>What admins see of the jobs: the dead letters and the jobs still failing (ADR 49).</summary>
public sealed class JobQueries(KindredDbContext db)
{
    public const int Limit = 200;

    /// <summary>Dead jobs and pending ones whose last attempt failed, the latest change first.</summary>
    public async Task<IReadOnlyList<JobProblem>> ProblemsAsync(CancellationToken ct = default) =>
        await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Dead || (j.State == JobState.Pending && j.Attempts > 0 && j.LastError != null))
            .OrderByDescending(j => j.UpdatedAt).ThenByDescending(j => j.Id)
            .Take(Limit)
            .Select(j => new JobProblem(j.Id, j.Kind, j.State, j.Attempts, j.LastError, j.RunAt, j.UpdatedAt))
            .ToListAsync(ct);
}
