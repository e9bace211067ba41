using Kindred.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>
/// Runs <see cref="JobRunner.RunDueAsync"/> every Kindred:Jobs:PollSeconds on the injected <see cref="TimeProvider"/>'s
/// clock. A failed look (the database restarting, say) is logged and tried again on the next tick, so it never stops
/// the server.
/// </summary>
public sealed partial class JobRunnerService(JobRunner runner, IOptions<JobsOptions> options, TimeProvider time, ILogger<JobRunnerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PollSeconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await runner.RunDueAsync(ct: stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for due jobs failed; trying again on the next tick")]
    private partial void LogFailed(Exception exception);
}
