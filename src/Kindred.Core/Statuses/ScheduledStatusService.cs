using System.Text.Json;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Core.Media;
using Kindred.Core.Polls;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Statuses;

/// <summary>
/// Posts published later (Mastodon's scheduled statuses, ADR 78). Scheduling checks the post as posting would, keeps
/// what was asked as JSON and enqueues a <see cref="ScheduledStatusJob"/> due at the time, in the same SaveChanges.
/// Publishing goes through <see cref="StatusService.CreateAsync"/> like any post; the row goes in that same SaveChanges,
/// so a job that runs twice publishes once.
/// </summary>
public sealed class ScheduledStatusService(KindredDbContext db, JobQueue jobs, StatusService statuses, StatusMedia statusMedia, TimeProvider time)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 40;
    /// <summary>Mastodon's limits: at least five minutes ahead, 300 waiting, 25 on one (UTC) day.</summary>
    public static readonly TimeSpan MinimumOffset = TimeSpan.FromMinutes(5);
    public const int TotalLimit = 300;
    public const int DailyLimit = 25;

    public async Task<ScheduledStatus> ScheduleAsync(long authorId, NewStatus input, DateTime scheduledAt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.UtcNow();
        await CheckTimeAsync(authorId, scheduledAt, null, now, ct);
        // The post is checked now as posting would check it, so the author hears of a mistake while still there.
        var media = await statusMedia.TakeAsync(authorId, input.MediaIds, ct: ct);
        if (media.Any(m => m.ScheduledStatusId is not null))
        {
            throw KindredException.Invalid("media_ids", "Those images already wait for another scheduled post.");
        }
        StatusService.Validate(input.Text, input.SpoilerText, media.Count > 0);
        if (input.Poll is not null)
        {
            if (media.Count > 0)
            {
                throw KindredException.Invalid("poll", "A post can have media attachments or a poll, not both.");
            }
            PollService.Validate(input.Poll);
        }
        _ = StatusService.ValidLanguage(input.Language);
        if (input.InReplyToId is { } replyId && !await db.Statuses.VisibleTo(db, Viewer.Member(authorId)).AnyAsync(s => s.Id == replyId, ct))
        {
            throw KindredException.NotFound();
        }
        var row = new ScheduledStatus
        {
            Id = Snowflake.NewId(now),
            AccountId = authorId,
            ScheduledAt = scheduledAt,
            Params = JsonSerializer.Serialize(input),
            CreatedAt = now,
        };
        db.ScheduledStatuses.Add(row);
        foreach (var item in media)
        {
            item.ScheduledStatusId = row.Id;
        }
        jobs.Add(ScheduledStatusJob.Name, new ScheduledPublish(row.Id), scheduledAt);
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>The author's posts waiting to be published, newest scheduling first; failed ones are left out.</summary>
    public Task<List<ScheduledStatus>> ListAsync(long authorId, Page page, CancellationToken ct = default) =>
        db.ScheduledStatuses.AsNoTracking().Where(s => s.AccountId == authorId && s.FailedAt == null).PageAsync(page, s => s.Id, MaxLimit, ct);

    /// <summary>All the author's scheduled posts, failed ones included, by time (the web page).</summary>
    public Task<List<ScheduledStatus>> AllAsync(long authorId, CancellationToken ct = default) =>
        db.ScheduledStatuses.AsNoTracking().Where(s => s.AccountId == authorId).OrderBy(s => s.ScheduledAt).Take(TotalLimit + 50).ToListAsync(ct);

    /// <summary>One of the author's own waiting posts; anyone else's is "not found".</summary>
    public async Task<ScheduledStatus> GetAsync(long authorId, long id, CancellationToken ct = default) =>
        await db.ScheduledStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.AccountId == authorId && s.FailedAt == null, ct)
            ?? throw KindredException.NotFound();

    /// <summary>Moves a waiting (or failed) post to <paramref name="scheduledAt"/>; a new job is due then, and the old
    /// one finds the post not due yet and does nothing.</summary>
    public async Task<ScheduledStatus> RescheduleAsync(long authorId, long id, DateTime scheduledAt, CancellationToken ct = default)
    {
        var row = await db.ScheduledStatuses.FirstOrDefaultAsync(s => s.Id == id && s.AccountId == authorId, ct) ?? throw KindredException.NotFound();
        var now = time.UtcNow();
        await CheckTimeAsync(authorId, scheduledAt, row.Id, now, ct);
        row.ScheduledAt = scheduledAt;
        row.FailedAt = null;
        row.Failure = null;
        jobs.Add(ScheduledStatusJob.Name, new ScheduledPublish(row.Id), scheduledAt);
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>Cancels a scheduled post; its images are left unattached for the usual cleanup.</summary>
    public async Task CancelAsync(long authorId, long id, CancellationToken ct = default)
    {
        var row = await db.ScheduledStatuses.FirstOrDefaultAsync(s => s.Id == id && s.AccountId == authorId, ct) ?? throw KindredException.NotFound();
        var now = time.UtcNow();
        foreach (var media in await db.MediaAttachments.Where(m => m.ScheduledStatusId == row.Id).ToListAsync(ct))
        {
            media.ScheduledStatusId = null;
            media.UnattachedSince = now;
        }
        db.ScheduledStatuses.Remove(row);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What the author asked to post.</summary>
    public static NewStatus Read(ScheduledStatus row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return JsonSerializer.Deserialize<NewStatus>(row.Params) ?? throw new InvalidOperationException($"Scheduled status {row.Id} has no parameters.");
    }

    /// <summary>The images waiting with each of <paramref name="ids"/>, in order.</summary>
    public async Task<ILookup<long, MediaAttachment>> MediaAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        (await db.MediaAttachments.AsNoTracking().Where(m => m.ScheduledStatusId != null && ids.Contains(m.ScheduledStatusId.Value)).ToListAsync(ct))
            .ToLookup(m => m.ScheduledStatusId!.Value);

    /// <summary>
    /// Publishes a due post (the job). A post that can no longer be published stays, failed, with the reason for its
    /// author: an account that may not post any more (suspended, disabled), a reply whose post is gone or hidden, or
    /// any refusal posting itself gives (a mention the recipient no longer accepts, a group left).
    /// </summary>
    /// <returns>1 when a post was published.</returns>
    public async Task<int> PublishAsync(long id, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var row = await db.ScheduledStatuses.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (row is null || row.FailedAt is not null || row.ScheduledAt > now)
        {
            // Published, cancelled, failed, or moved later (a newer job is due then).
            return 0;
        }
        var input = Read(row);
        if (!await db.Accounts.Visible().AnyAsync(a => a.Id == row.AccountId && a.Domain == null, ct))
        {
            return await FailAsync(row.Id, "Your account could not post at the scheduled time.", ct);
        }
        if (input.InReplyToId is { } replyId && !await db.Statuses.VisibleTo(db, Viewer.Member(row.AccountId)).AnyAsync(s => s.Id == replyId, ct))
        {
            return await FailAsync(row.Id, "The post it answers is gone or no longer visible to you.", ct);
        }
        db.ScheduledStatuses.Remove(row);
        try
        {
            // The key makes a second publication of the same row return the first post instead of a copy.
            await statuses.CreateAsync(row.AccountId, input with { IdempotencyKey = $"scheduled:{row.Id}" }, ct);
            await db.SaveChangesAsync(ct);
            return 1;
        }
        catch (KindredException e) when (e.Kind is not ErrorKind.RateLimited)
        {
            db.ChangeTracker.Clear();
            return await FailAsync(row.Id, e.Message, ct);
        }
    }

    private async Task<int> FailAsync(long id, string reason, CancellationToken ct)
    {
        var now = time.UtcNow();
        await db.ScheduledStatuses.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.FailedAt, now)
            .SetProperty(r => r.Failure, reason.Length > 500 ? reason[..500] : reason), ct);
        return 0;
    }

    private async Task CheckTimeAsync(long authorId, DateTime scheduledAt, long? except, DateTime now, CancellationToken ct)
    {
        if (scheduledAt < now + MinimumOffset)
        {
            throw KindredException.Invalid("scheduled_at", "The scheduled date must be at least 5 minutes in the future.");
        }
        var waiting = db.ScheduledStatuses.Where(s => s.AccountId == authorId && s.FailedAt == null && s.Id != except);
        if (await waiting.CountAsync(ct) >= TotalLimit)
        {
            throw KindredException.Invalid("scheduled_at", $"You already have {TotalLimit} scheduled posts, the most there can be.");
        }
        var day = scheduledAt.Date;
        var next = day.AddDays(1);
        if (await waiting.CountAsync(s => s.ScheduledAt >= day && s.ScheduledAt < next, ct) >= DailyLimit)
        {
            throw KindredException.Invalid("scheduled_at", $"You already have {DailyLimit} posts scheduled on that day, the most there can be.");
        }
    }
}
