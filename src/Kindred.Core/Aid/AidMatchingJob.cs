using Kindred.Core.Jobs;
using Kindred.Data.Entities;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Aid;

/// <summary>Matches new aid items every Kindred:Aid:MatchCheckSeconds (0 turns it off in this process); the claim of
/// each item, in the same transaction as its notifications, lives in <see cref="AidMatching.RunAsync"/>.</summary>
public sealed class AidMatchingJob(AidMatching matching, IOptions<AidSafeguardingOptions> options) : IJobHandler
{
    public string Kind => "aid.matching";

    public TimeSpan? Every => TimeSpan.FromSeconds(Math.Max(0.1, options.Value.MatchCheckSeconds));

    public bool Enabled => options.Value.MatchCheckSeconds > 0;

    public Task<int> RunAsync(Job job, CancellationToken ct) => matching.RunAsync(ct);
}
