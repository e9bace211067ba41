using System.Linq.Expressions;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Media;

/// <summary>
/// The images of a status, for <c>StatusService</c>: checking media_ids, attaching on post, replacing and describing on
/// edit. Kept apart so posting and editing read the same rules and the status service stays about text. A scoped
/// service on the caller's DbContext; the filter <see cref="Attachable"/> and the pure <see cref="Attach"/> stay static.
/// </summary>
public sealed class StatusMedia(KindredDbContext db)
{
    /// <summary>Media that a status may take: never posted, or left behind by a deleted status (delete-and-redraft).</summary>
    /// <summary>The images of <paramref name="statusIds"/>, in the order their authors gave them.</summary>
    public static async Task<ILookup<long, MediaAttachment>> OfStatusesAsync(KindredDbContext db, IReadOnlyCollection<long> statusIds, CancellationToken ct = default) =>
        (await db.MediaAttachments.AsNoTracking()
            .Where(m => m.StatusId != null && statusIds.Contains(m.StatusId.Value))
            .OrderBy(m => m.Position)
            .ToListAsync(ct))
        .ToLookup(m => m.StatusId!.Value);

    public static Expression<Func<MediaAttachment, bool>> Attachable(KindredDbContext db) =>
        m => m.StatusId == null || db.Statuses.Any(s => s.Id == m.StatusId && s.DeletedAt != null);

    /// <summary>
    /// The author's attachable media for <paramref name="ids"/>, in the order given. More than four, or an id that is
    /// unknown, someone else's or already posted, is refused as a whole (422): a post never goes out with fewer images
    /// than its author chose.
    /// </summary>
    /// <param name="keepFromStatusId">On an edit, the status whose own current images may be listed again.</param>
    public async Task<IReadOnlyList<MediaAttachment>> TakeAsync(long authorId, IReadOnlyList<long>? ids, long? keepFromStatusId = null, CancellationToken ct = default)
    {
        if (ids is null || ids.Count == 0)
        {
            return [];
        }
        var wanted = ids.Distinct().ToList();
        if (wanted.Count > MediaLimits.MaxPerStatus)
        {
            throw KindredException.Invalid("media_ids", $"A post can have at most {MediaLimits.MaxPerStatus} images.");
        }
        var found = await db.MediaAttachments
            .Where(m => wanted.Contains(m.Id) && m.AccountId == authorId)
            .Where(m => m.StatusId == null || m.StatusId == keepFromStatusId || db.Statuses.Any(s => s.Id == m.StatusId && s.DeletedAt != null))
            .ToDictionaryAsync(m => m.Id, ct);
        var missing = wanted.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw KindredException.Invalid("media_ids", $"Invalid media: {string.Join(", ", missing)} cannot be attached (unknown, not yours, or already posted).");
        }
        return wanted.Select(id => found[id]).ToList();
    }

    /// <summary>Gives <paramref name="media"/> to <paramref name="status"/>, in order; saved with the status.</summary>
    public static void Attach(Status status, IReadOnlyList<MediaAttachment> media)
    {
        for (var i = 0; i < media.Count; i++)
        {
            media[i].StatusId = status.Id;
            media[i].ScheduledStatusId = null;
            media[i].Position = i;
            media[i].UnattachedSince = null;
        }
    }

    /// <summary>
    /// An edit's images: when <paramref name="ids"/> is given it becomes the status's list (dropped images wait a day
    /// like unposted uploads, then go); <paramref name="changes"/> re-describe images of the final list.
    /// </summary>
    /// <returns>The images before and after, as the versions in the history will show them.</returns>
    public async Task<MediaEdit> EditAsync(Status status, IReadOnlyList<long>? ids, IReadOnlyList<MediaChange>? changes, DateTime now, CancellationToken ct = default)
    {
        var current = await db.MediaAttachments.Where(m => m.StatusId == status.Id).ToListAsync(ct);
        var final = current.OrderBy(m => m.Position).ToList();
        var before = Snapshot(final);
        if (ids is not null)
        {
            final = [.. await TakeAsync(status.AccountId, ids, status.Id, ct)];
        }
        foreach (var change in changes ?? [])
        {
            var target = final.FirstOrDefault(m => m.Id == change.Id)
                ?? throw KindredException.Invalid("media_attributes", $"Invalid media: {change.Id} is not an image of this post.");
            MediaService.Apply(target, change);
        }
        foreach (var dropped in current.Where(m => final.All(f => f.Id != m.Id)))
        {
            dropped.StatusId = null;
            dropped.UnattachedSince = now;
        }
        Attach(status, final);
        return new MediaEdit(before, Snapshot(final));
    }

    /// <summary>Records which images <paramref name="version"/> showed; returns the version for adding.</summary>
    public StatusEdit Record(StatusEdit version, IReadOnlyList<StatusEditMedia> media)
    {
        foreach (var item in media)
        {
            db.StatusEditMedia.Add(new StatusEditMedia
            {
                Id = Snowflake.NewId(),
                StatusEditId = version.Id,
                MediaAttachmentId = item.MediaAttachmentId,
                Position = item.Position,
                Description = item.Description,
            });
        }
        return version;
    }

    private static List<StatusEditMedia> Snapshot(IReadOnlyList<MediaAttachment> media) =>
        media.Select((m, i) => new StatusEditMedia { MediaAttachmentId = m.Id, Position = i, Description = m.Description }).ToList();

    /// <summary>Whether the status has any image (for a text-less post being edited without media_ids).</summary>
    public Task<bool> AnyAsync(long statusId, CancellationToken ct = default) =>
        db.MediaAttachments.AnyAsync(m => m.StatusId == statusId, ct);
}
