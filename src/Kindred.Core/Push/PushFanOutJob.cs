using Kindred.Core.Jobs;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Push;

/// <summary>
/// Turns the notifications one unit of work created (<see cref="Notify"/> enqueues this job in the same
/// SaveChanges) into one <see cref="PushSendJob"/> per subscription that wants them, so a push service that fails
/// retries only its own deliveries. Keyed by subscription and notification, so running twice queues nothing twice.
/// </summary>
public sealed class PushFanOutJob(KindredDbContext db, JobQueue jobs) : IJobHandler
{
    public const string Name = NotificationPush.Kind;

    public string Kind => Name;

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var ids = JobQueue.Read<NotificationPush>(job).NotificationIds;
        var pairs = await (
            from n in db.Notifications.AsNoTracking()
            where ids.Contains(n.Id)
            join s in db.WebPushSubscriptions.AsNoTracking() on n.AccountId equals s.AccountId
            where s.Policy != WebPushPolicy.None
            select new { NotificationId = n.Id, n.Type, SubscriptionId = s.Id, s.Alerts }).ToListAsync(ct);
        var queued = 0;
        foreach (var pair in pairs.Where(p => PushAlerts.IsOn(p.Alerts, p.Type)))
        {
            if (await jobs.AddOnceAsync(PushSendJob.Name, $"{pair.SubscriptionId}:{pair.NotificationId}", new PushSend(pair.SubscriptionId, pair.NotificationId), ct: ct) is not null)
            {
                queued++;
            }
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }
}
