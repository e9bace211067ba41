using Kindred.Core.Aid;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>
/// Expires aid items and sends the once-only "closing soon" nudge every Kindred:Aid:ExpiryCheckSeconds. The work and its
/// safety (guarded claims in the database) live in <see cref="AidExpiry.RunAsync"/>.
/// </summary>
public sealed partial class AidExpiryJob(IServiceScopeFactory scopes, IOptions<AidExpiryOptions> options, TimeProvider time, ILogger<AidExpiryJob> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override TimeSpan? Interval => options.Value.ExpiryCheckSeconds <= 0 ? null : TimeSpan.FromSeconds(Math.Max(1, options.Value.ExpiryCheckSeconds));

    protected override string PassName => "Expiring aid items";

    protected override Task<int> RunPassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<AidExpiry>().RunAsync(ct);

    protected override void LogDone(ILogger logger, int count) => LogExpired(logger, count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired or nudged {Count} aid items")]
    private static partial void LogExpired(ILogger logger, int count);
}
