using Kindred.Core.Jobs;
using Kindred.Data.Entities;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Aid;

/// <summary>Expires aid items and sends the once-only "closing soon" nudge every Kindred:Aid:ExpiryCheckSeconds (0 turns
/// it off in this process); the guarded claims live in <see cref="AidExpiry.RunAsync"/>.</summary>
public sealed class AidExpiryJob(AidExpiry expiry, IOptions<AidExpiryOptions> options) : IJobHandler
{
    public string Kind => "aid.expiry";

    public TimeSpan? Every => TimeSpan.FromSeconds(Math.Max(1, options.Value.ExpiryCheckSeconds));

    public bool Enabled => options.Value.ExpiryCheckSeconds > 0;

    public Task<int> RunAsync(Job job, CancellationToken ct) => expiry.RunAsync(ct);
}
