using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data.Entities;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Polls;

/// <summary>Announces closed polls every Kindred:Polls:ExpiryCheckSeconds; the once-only claim per poll lives in
/// <see cref="PollService.AnnounceClosedAsync"/>.</summary>
public sealed class PollExpiryJob(PollService polls, IOptions<KindredOptions> options) : IJobHandler
{
    public string Kind => "polls.expiry";

    public TimeSpan? Every => TimeSpan.FromSeconds(Math.Max(0.1, options.Value.Polls.ExpiryCheckSeconds));

    public Task<int> RunAsync(Job job, CancellationToken ct) => polls.AnnounceClosedAsync(ct);
}
