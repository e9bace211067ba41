using Kindred.Core.Common;
using Kindred.Core.Digests;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>
/// Sends due digest e-mails every Kindred:Digests:CheckSeconds (ADR 25). The schedule, the claim that makes each digest
/// go out once (across restarts and several server processes) and the retry after a refused mail all live in
/// <see cref="DigestService.RunAsync"/>; this only calls it on the clock of the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class DigestJob(IServiceScopeFactory scopes, IOptions<KindredOptions> options, TimeProvider time, ILogger<DigestJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Digests.Enabled)
        {
            return;
        }
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.Digests.CheckSeconds));
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sent = await scope.ServiceProvider.GetRequiredService<DigestService>().RunAsync(ct);
            if (sent > 0)
            {
                LogSent(sent);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed pass (database restarting, say) is retried on the next tick; claims already made stand.
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} digest e-mails")]
    private partial void LogSent(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest run failed; retrying on the next tick")]
    private partial void LogFailed(Exception exception);
}
