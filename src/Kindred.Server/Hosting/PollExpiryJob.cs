using Kindred.Core.Common;
using Kindred.Core.Polls;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>
/// Announces closed polls every Kindred:Polls:ExpiryCheckSeconds. The work and its safety live in
/// <see cref="PollService.AnnounceClosedAsync"/> (a claimed marker per poll, so it is durable across restarts and
/// exactly once even with several server processes).
/// </summary>
public sealed partial class PollExpiryJob(IServiceScopeFactory scopes, IOptions<KindredOptions> options, TimeProvider time, ILogger<PollExpiryJob> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override TimeSpan? Interval => TimeSpan.FromSeconds(Math.Max(0.1, options.Value.Polls.ExpiryCheckSeconds));

    protected override string PassName => "Announcing closed polls";

    protected override Task<int> RunPassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<PollService>().AnnounceClosedAsync(ct);

    protected override void LogDone(ILogger logger, int count) => LogAnnounced(logger, count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced {Count} closed polls")]
    private static partial void LogAnnounced(ILogger logger, int count);
}
