using Kindred.Core.Jobs;
using Kindred.Data.Entities;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Events;

/// <summary>Sends event reminders and follow-ups every Kindred:Events:Reminders:CheckSeconds (ADR 34); the claim that
/// sends each once lives in <see cref="EventReminderService.RunAsync"/>.</summary>
public sealed class EventReminderJob(EventReminderService reminders, IOptions<EventRemindersOptions> options) : IJobHandler
{
    public string Kind => "events.reminders";

    public TimeSpan? Every => TimeSpan.FromSeconds(Math.Max(1, options.Value.CheckSeconds));

    public bool Enabled => options.Value.Enabled;

    public Task<int> RunAsync(Job job, CancellationToken ct) => reminders.RunAsync(ct);
}
