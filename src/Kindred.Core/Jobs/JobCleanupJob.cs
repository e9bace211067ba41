using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Jobs;

/// <summary>Hourly, deletes jobs done more than <see cref="JobsOptions.KeepDoneDays"/> ago and dead ones nobody retried
/// within <see cref="JobsOptions.KeepDeadDays"/>, so the jobs table does not grow forever; then the rows each feature's
/// <see cref="IRowRetention"/> no longer needs (digest and reminder sends, ADR 62).</summary>
public sealed class JobCleanupJob(KindredDbContext db, IOptions<JobsOptions> options, TimeProvider time, IEnumerable<IRowRetention> retentions) : IJobHandler
{
    public const string Name = "jobs.cleanup";

    public string Kind => Name;

    public TimeSpan? Every => TimeSpan.FromHours(1);

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var now = time.UtcNow();
        var doneBefore = now - TimeSpan.FromDays(options.Value.KeepDoneDays);
        var deadBefore = now - TimeSpan.FromDays(options.Value.KeepDeadDays);
        var deleted = await db.Jobs.Where(j => (j.State == JobState.Done && j.UpdatedAt < doneBefore) || (j.State == JobState.Dead && j.UpdatedAt < deadBefore))
            .ExecuteDeleteAsync(ct);
        foreach (var retention in retentions)
        {
            deleted += await retention.DeleteExpiredAsync(now, ct);
        }
        return deleted;
    }
}
