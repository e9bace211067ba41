namespace Kindred.Server.Hosting;

/// <summary>
/// A job that runs one pass every <see cref="Interval"/> on the clock of the injected <see cref="TimeProvider"/>, each
/// pass in a scope of its own. The work and its safety (claims that make it exactly once across restarts and server
/// processes) live in the Core service a pass calls; a failed pass is logged and retried on the next tick, so a
/// database restart never stops the server.
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>How long between passes; null turns the job off.</summary>
    protected abstract TimeSpan? Interval { get; }

    /// <summary>What a failed pass is called in the log ("Announcing closed polls").</summary>
    protected abstract string PassName { get; }

    /// <summary>One pass; answers how many things it did, for the log.</summary>
    protected abstract Task<int> RunPassAsync(IServiceProvider services, CancellationToken ct);

    /// <summary>Logs a pass that did something.</summary>
    protected abstract void LogDone(ILogger logger, int count);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval is not { } interval)
        {
            return;
        }
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
            var done = await RunPassAsync(scope.ServiceProvider, ct);
            if (done > 0)
            {
                LogDone(logger, done);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "{Pass} failed; retrying on the next tick", PassName);
        }
    }
}
