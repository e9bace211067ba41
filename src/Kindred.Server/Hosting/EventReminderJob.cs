using Kindred.Core.Events;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>
/// Sends event reminders and follow-ups every Kindred:Events:Reminders:CheckSeconds (ADR 34). The claim that makes each
/// go out once, across restarts and several server processes, lives in <see cref="EventReminderService.RunAsync"/>.
/// </summary>
public sealed partial class EventReminderJob(IServiceScopeFactory scopes, IOptions<EventRemindersOptions> options, TimeProvider time, ILogger<EventReminderJob> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override TimeSpan? Interval =>
        options.Value.Enabled ? TimeSpan.FromSeconds(Math.Max(1, options.Value.CheckSeconds)) : null;

    protected override string PassName => "The event reminder run";

    protected override Task<int> RunPassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<EventReminderService>().RunAsync(ct);

    protected override void LogDone(ILogger logger, int count) => LogSent(logger, count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} event reminders and follow-ups")]
    private static partial void LogSent(ILogger logger, int count);
}
