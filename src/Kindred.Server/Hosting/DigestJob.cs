using Kindred.Core.Common;
using Kindred.Core.Digests;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>
/// Sends due digest e-mails every Kindred:Digests:CheckSeconds (ADR 25). The schedule, the claim that makes each digest
/// go out once (across restarts and several server processes) and the retry after a refused mail all live in
/// <see cref="DigestService.RunAsync"/>.
/// </summary>
public sealed partial class DigestJob(IServiceScopeFactory scopes, IOptions<KindredOptions> options, TimeProvider time, ILogger<DigestJob> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override TimeSpan? Interval =>
        options.Value.Digests.Enabled ? TimeSpan.FromSeconds(Math.Max(1, options.Value.Digests.CheckSeconds)) : null;

    protected override string PassName => "The digest run";

    protected override Task<int> RunPassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<DigestService>().RunAsync(ct);

    protected override void LogDone(ILogger logger, int count) => LogSent(logger, count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} digest e-mails")]
    private static partial void LogSent(ILogger logger, int count);
}
