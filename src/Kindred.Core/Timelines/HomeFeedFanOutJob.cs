using Kindred.Core.Jobs;
using Kindred.Data.Entities;

namespace Kindred.Core.Timelines;

/// <summary>
/// Writes a status into its followers' home feeds when they are more than <see cref="HomeFeed.ImmediateAudience"/>
/// (ADR 62): one job per status, enqueued with the status, idempotent (entries already there are skipped).
/// </summary>
public sealed class HomeFeedFanOutJob(HomeFeed feed) : IJobHandler
{
    public const string Name = "home-feed.fan-out";

    public string Kind => Name;

    public Task<int> RunAsync(Job job, CancellationToken ct) => feed.FanOutLaterAsync(JobQueue.Read<HomeFeedFanOut>(job).StatusId, ct);
}
