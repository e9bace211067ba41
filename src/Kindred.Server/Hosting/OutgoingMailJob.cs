using Kindred.Core.Common;
using Kindred.Core.Common.Email;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>
/// Sends queued mail every Kindred:Smtp:QueueCheckSeconds (ADR 47). The claim that keeps two processes from sending one
/// mail, the retries and the failed state live in <see cref="OutgoingMailQueue.RunAsync"/>.
/// </summary>
public sealed partial class OutgoingMailJob(IServiceScopeFactory scopes, IOptions<KindredOptions> options, TimeProvider time, ILogger<OutgoingMailJob> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override TimeSpan? Interval =>
        options.Value.Smtp.QueueCheckSeconds > 0 ? TimeSpan.FromSeconds(options.Value.Smtp.QueueCheckSeconds) : null;

    protected override string PassName => "Sending queued mail";

    protected override Task<int> RunPassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<OutgoingMailQueue>().RunAsync(ct);

    protected override void LogDone(ILogger logger, int count) => LogSent(logger, count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} queued e-mails")]
    private static partial void LogSent(ILogger logger, int count);
}
