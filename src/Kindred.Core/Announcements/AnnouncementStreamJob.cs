using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Announcements;

/// <summary>
/// Streams an announcement when its scheduled start or end arrives (ADR 76): nothing is written then, so the
/// after-commit publisher has nothing to see. Publishing and editing queue one job per future moment; a job whose
/// moment is no longer the announcement's start or end (edited since), or whose announcement is a draft or gone, does
/// nothing. Open streams reload it and send <c>announcement</c> while it shows, <c>announcement.delete</c> once it ended.
/// </summary>
public sealed class AnnouncementStreamJob(KindredDbContext db, IStreamHub hub) : IJobHandler
{
    public const string Name = "announcement-stream";

    public string Kind => Name;

    public static string Key(long announcementId, DateTime at) => $"{announcementId}:{at.Ticks}";

    /// <summary>Queues a job for each of the announcement's start and end still ahead of <paramref name="now"/>.</summary>
    public static async Task AddAsync(JobQueue jobs, Announcement announcement, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(announcement);
        foreach (var at in new[] { announcement.StartsAt, announcement.EndsAt })
        {
            if (at is { } moment && moment > now)
            {
                await jobs.AddOnceAsync(Name, Key(announcement.Id, moment), new AnnouncementMoment(announcement.Id, moment), moment, ct);
            }
        }
    }

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var moment = JobQueue.Read<AnnouncementMoment>(job);
        var announcement = await db.Announcements.AsNoTracking().Where(a => a.Id == moment.AnnouncementId && a.PublishedAt != null)
            .Select(a => new { a.StartsAt, a.EndsAt }).FirstOrDefaultAsync(ct);
        if (announcement is null || !(Same(announcement.StartsAt, moment.At) || Same(announcement.EndsAt, moment.At)))
        {
            return 0;
        }
        hub.Publish(StreamEvent.Announcement(moment.AnnouncementId));
        return 1;
    }

    /// <summary>Databases keep microseconds at best, so a moment read back may lose the last tick.</summary>
    private static bool Same(DateTime? stored, DateTime at) => stored is { } s && Math.Abs((s - at).TotalMilliseconds) < 1;
}
