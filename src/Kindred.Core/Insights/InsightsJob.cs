using Kindred.Core.Jobs;
using Kindred.Data.Entities;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Insights;

/// <summary>Computes the recurring insights snapshot every Kindred:Insights:EverySeconds (0 turns it off in this
/// process), so the staff page reads stored figures and never counts the community on request (ADR 57).</summary>
public sealed class InsightsJob(InsightsService insights, IOptions<InsightsOptions> options) : IJobHandler
{
    public const string JobKind = "insights.snapshot";

    public string Kind => JobKind;

    public TimeSpan? Every => TimeSpan.FromSeconds(Math.Max(1, options.Value.EverySeconds));

    public bool Enabled => options.Value.EverySeconds > 0;

    public Task<int> RunAsync(Job job, CancellationToken ct) => insights.SnapshotAsync(ct);
}
