using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data.Entities;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Digests;

/// <summary>Sends due digests every Kindred:Digests:CheckSeconds while Kindred:Digests:Enabled; the schedule, the claim
/// that sends each digest once and the retry after a refused mail live in <see cref="DigestService.RunAsync"/>.</summary>
public sealed class DigestJob(DigestService digests, IOptions<KindredOptions> options) : IJobHandler
{
    public string Kind => "digests.scan";

    public TimeSpan? Every => TimeSpan.FromSeconds(Math.Max(1, options.Value.Digests.CheckSeconds));

    public bool Enabled => options.Value.Digests.Enabled;

    public Task<int> RunAsync(Job job, CancellationToken ct) => digests.RunAsync(ct);
}
