using Kindred.Core.Common;
using Kindred.Core.Polls;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>
/// Announces closed polls every Kindred:Polls:ExpiryCheckSeconds. The work and its safety live in
/// <see cref="PollService.AnnounceClosedAsync"/> (a claimed marker per poll, so it is durable across restarts and
/// exactly once even with several server processes); this only calls it on the clock of the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class PollExpiryJob(IServiceScopeFactory scopes, IOptions<KindredOptions> options, TimeProvider time, ILogger<PollExpiryJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.Polls.ExpiryCheckSeconds));
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
            var announced = await scope.ServiceProvider.GetRequiredService<PollService>().AnnounceClosedAsync(ct);
            if (announced > 0 && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Announced {Count} closed polls", announced);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed pass (database restarting, say) is retried on the next tick; nothing was marked.
            logger.LogWarning(e, "Announcing closed polls failed; retrying on the next tick");
        }
    }
}
