using Kindred.Core.Jobs;
using Kindred.Data.Entities;

namespace Kindred.Core.Insights;

/// <summary>Computes a funder report a staff member asked for (ADR 57); running it twice computes the same figures.</summary>
public sealed class InsightsReportJob(InsightsService insights) : IJobHandler
{
    public const string JobKind = "insights.report";

    public string Kind => JobKind;

    public Task<int> RunAsync(Job job, CancellationToken ct) => insights.ComputeReportAsync(JobQueue.Read<InsightsReportPayload>(job).SnapshotId, ct);
}
