using Kindred.Core.Aid;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>
/// Matches new aid items every Kindred:Aid:MatchCheckSeconds (0 turns it off in this process). The work and its
/// once-only safety live in <see cref="AidMatching.RunAsync"/> (a guarded claim of MatchedAt per item, in the same
/// transaction as the notifications).
/// </summary>
public sealed partial class AidMatchingJob(IServiceScopeFactory scopes, IOptions<AidSafeguardingOptions> options, TimeProvider time, ILogger<AidMatchingJob> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override TimeSpan? Interval => options.Value.MatchCheckSeconds > 0 ? TimeSpan.FromSeconds(Math.Max(0.1, options.Value.MatchCheckSeconds)) : null;

    protected override string PassName => "Matching new aid items";

    protected override Task<int> RunPassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<AidMatching>().RunAsync(ct);

    protected override void LogDone(ILogger logger, int count) => LogMatched(logger, count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Matched {Count} new aid items")]
    private static partial void LogMatched(ILogger logger, int count);
}
