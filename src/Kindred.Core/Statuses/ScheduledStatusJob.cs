using Kindred.Core.Jobs;
using Kindred.Data.Entities;

namespace Kindred.Core.Statuses;

/// <summary>Publishes one scheduled post when it is due (ADR 78); running twice publishes once.</summary>
public sealed class ScheduledStatusJob(ScheduledStatusService scheduled) : IJobHandler
{
    public const string Name = "scheduled-status";

    public string Kind => Name;

    public Task<int> RunAsync(Job job, CancellationToken ct) =>
        scheduled.PublishAsync(JobQueue.Read<ScheduledPublish>(job).ScheduledStatusId, ct);
}
