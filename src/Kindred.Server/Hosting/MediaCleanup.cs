using Kindred.Core.Media;

namespace Kindred.Server.Hosting;

/// <summary>Once an hour, removes uploads nobody posted within a day and the images of posts deleted a day ago (at once for posts that were not public)
/// (<see cref="MediaService.CleanupAsync"/>). A missed run only delays the cleanup; nothing depends on its timing.</summary>
public sealed partial class MediaCleanup(IServiceScopeFactory scopes, ILogger<MediaCleanup> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRun = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRun, stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
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
            var removed = await scope.ServiceProvider.GetRequiredService<MediaService>().CleanupAsync(ct);
            if (removed > 0)
            {
                LogRemoved(removed);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next run tries again; a cleanup failure must never stop the server.
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} unattached media attachments")]
    private partial void LogRemoved(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media cleanup failed")]
    private partial void LogFailed(Exception exception);
}
