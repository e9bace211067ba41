using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Media;

/// <summary>
/// Post images before and after they are posted: upload (re-encoded, metadata stripped, with a thumbnail), read and
/// describe one's own uploads, delete a post's images, and remove uploads nobody posted. Attaching to statuses is
/// <see cref="StatusMedia"/>, called from the status service.
/// </summary>
public sealed class MediaService(KindredDbContext db, MediaStorage storage, TimeProvider time)
{
    private const string Folder = "attachments";

    /// <summary>Every folder whose files belong to a row: post images, the pictures of members (the organization's
    /// logo and banner are its account's) and groups, and custom emojis (ADR 82).</summary>
    private static readonly string[] OwnedFolders = [Folder, "avatars", "headers", "group-avatars", "group-headers", EmojiFolder];

    private const string EmojiFolder = "emojis";

    /// <summary>Processes the upload synchronously (images are quick), so the answer already has its URLs.</summary>
    public async Task<MediaAttachment> UploadAsync(long accountId, Stream file, string? description, string? focus, CancellationToken ct = default)
    {
        var text = ValidDescription(description);
        var point = MediaFocus.Parse(focus);
        var original = await ImageProcessor.ProcessAsync(file, ImageRules.Attachment, ct);
        // The thumbnail is made from the cleaned original: smaller to decode, and nothing of the upload is read twice.
        using var cleaned = new MemoryStream(original.Bytes, writable: false);
        var small = ImageProcessor.Process(cleaned, ImageRules.AttachmentThumbnail);
        var now = time.UtcNow();
        var media = new MediaAttachment
        {
            Id = Snowflake.NewId(now),
            AccountId = accountId,
            Type = MediaType.Image,
            Width = original.Width,
            Height = original.Height,
            FileSize = original.Bytes.LongLength,
            ThumbnailWidth = small.Width,
            ThumbnailHeight = small.Height,
            Description = text,
            FocusX = point?.X ?? 0,
            FocusY = point?.Y ?? 0,
            CreatedAt = now,
            UnattachedSince = now,
        };
        media.File = await storage.SaveUnguessableAsync(Folder, original, ct);
        try
        {
            media.ThumbnailFile = await storage.SaveUnguessableAsync(Folder, small, ct);
            db.MediaAttachments.Add(media);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // Files without a row would never be cleaned up.
            await storage.TryDeleteAsync([media.File, media.ThumbnailFile], CancellationToken.None);
            throw;
        }
        return media;
    }

    /// <summary>One of the caller's own uploads, attached or not; anybody else's is "not found".</summary>
    public async Task<MediaAttachment> GetOwnAsync(long accountId, long id, CancellationToken ct = default) =>
        await db.MediaAttachments.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.AccountId == accountId, ct)
            ?? throw KindredException.NotFound();

    /// <summary>The images of one of the caller's own statuses, in order (for the web edit page).</summary>
    public async Task<IReadOnlyList<MediaAttachment>> OfOwnStatusAsync(long accountId, long statusId, CancellationToken ct = default) =>
        await db.MediaAttachments.AsNoTracking()
            .Where(m => m.StatusId == statusId && m.AccountId == accountId)
            .OrderBy(m => m.Position)
            .ToListAsync(ct);

    /// <summary>Changes the description or focus of an upload not yet posted (as on Mastodon); a posted image changes
    /// through an edit of its status, so the edit history stays honest.</summary>
    public async Task<MediaAttachment> UpdateAsync(long accountId, MediaChange change, CancellationToken ct = default)
    {
        var media = await db.MediaAttachments
            .Where(m => m.Id == change.Id && m.AccountId == accountId)
            .Where(StatusMedia.Attachable(db))
            .FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();
        Apply(media, change);
        await db.SaveChangesAsync(ct);
        return media;
    }

    /// <summary>Deletes the images of a deleted status at once (Mastodon's delete_media=true, and the web page), instead of
    /// keeping them a day for a redraft.</summary>
    public async Task DeleteForStatusAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var media = await db.MediaAttachments
            .Where(m => m.StatusId == statusId && m.AccountId == accountId && db.Statuses.Any(s => s.Id == statusId && s.DeletedAt != null))
            .ToListAsync(ct);
        await RemoveAsync(media, ct);
    }

    /// <summary>Whether a deleted status's images wait a day for a redraft: only a public or unlisted post outside any group,
    /// whose images anyone could already fetch. The others' go with the post.</summary>
    public static bool KeptForRedraft(Status status) =>
        status.Visibility is Audience.Public or Audience.Unlisted && status.GroupId is null;

    /// <summary>Deletes the caller's own uploads that are not posted, at once (a web form that failed after uploading).</summary>
    public async Task DiscardAsync(long accountId, IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return;
        }
        var media = await db.MediaAttachments.Where(m => ids.Contains(m.Id) && m.AccountId == accountId && m.StatusId == null).ToListAsync(ct);
        await RemoveAsync(media, ct);
    }

    /// <summary>Removes uploads that waited longer than <see cref="MediaLimits.UnattachedLifetime"/> for a post, and the
    /// images of statuses deleted that long ago (or deleted at all, for those not <see cref="KeptForRedraft"/>: deleted by
    /// a moderator or with the account). Rows go first, files after, so no post ever points at a missing file.</summary>
    /// <returns>How many attachments were removed.</returns>
    public async Task<int> CleanupAsync(CancellationToken ct = default)
    {
        var cutoff = time.UtcNow() - MediaLimits.UnattachedLifetime;
        var total = 0;
        while (true)
        {
            var batch = await db.MediaAttachments
                // A status removed outright (not marked deleted) leaves its images with no status and no date: orphans.
                // Images waiting for a scheduled post are kept until it is published or cancelled (ADR 78).
                .Where(m => (m.StatusId == null && m.ScheduledStatusId == null && m.UnattachedSince == null)
                    || (m.StatusId == null && m.ScheduledStatusId == null && m.UnattachedSince < cutoff
                        // An image dropped by an edit lives on in the history of its post while the post lives.
                        && !db.StatusEditMedia.Any(e => e.MediaAttachmentId == m.Id
                            && db.StatusEdits.Any(v => v.Id == e.StatusEditId && db.Statuses.Any(s => s.Id == v.StatusId && s.DeletedAt == null))))
                    || db.Statuses.Any(s => s.Id == m.StatusId && s.DeletedAt != null
                        && (s.DeletedAt < cutoff || !(s.Visibility == Audience.Public || s.Visibility == Audience.Unlisted) || s.GroupId != null)))
                .OrderBy(m => m.Id)
                .Take(100)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total + await SweepOrphanFilesAsync(cutoff, ct);
            }
            await RemoveAsync(batch, ct);
            total += batch.Count;
        }
    }

    internal static void Apply(MediaAttachment media, MediaChange change)
    {
        var text = change.Description is null ? null : ValidDescription(change.Description);
        var point = MediaFocus.Parse(change.Focus);
        if (change.Description is not null)
        {
            media.Description = text;
        }
        if (point is { } p)
        {
            (media.FocusX, media.FocusY) = p;
        }
    }

    internal static string? ValidDescription(string? description)
    {
        var text = description?.Trim();
        if (text is { Length: > MediaLimits.MaxDescription })
        {
            throw KindredException.Invalid("description", $"The description is too long (at most {MediaLimits.MaxDescription} characters).");
        }
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>
    /// Files on disk that no row points at any more, written before <paramref name="before"/> (a picture being saved has
    /// its row a moment later): pictures of members and groups replaced or deleted by a process that died before it
    /// removed the old file, and uploads whose row never got written. Checked a batch of names at a time.
    /// </summary>
    private async Task<int> SweepOrphanFilesAsync(DateTime before, CancellationToken ct)
    {
        var removed = storage.Store is LocalMediaStore local ? local.RemoveAbandonedWrites(before) : 0;
        foreach (var folder in OwnedFolders)
        {
            // The listing is read whole first: deleting while a store pages through a listing may skip objects.
            var written = new List<string>();
            await foreach (var key in storage.FilesWrittenBeforeAsync(folder, before, ct))
            {
                written.Add(key);
            }
            foreach (var batch in written.Chunk(200))
            {
                var names = batch.ToList();
                var used = folder == Folder
                    ? await db.MediaAttachments.Where(m => names.Contains(m.File) || names.Contains(m.ThumbnailFile))
                        .Select(m => new[] { m.File, m.ThumbnailFile }).ToListAsync(ct)
                    : folder == EmojiFolder
                        ? await db.CustomEmojis.Where(e => names.Contains(e.File)).Select(e => new[] { e.File }).ToListAsync(ct)
                    : folder.StartsWith("group-", StringComparison.Ordinal)
                        ? await db.Groups.Where(g => names.Contains(g.AvatarFile!) || names.Contains(g.HeaderFile!))
                            .Select(g => new[] { g.AvatarFile ?? "", g.HeaderFile ?? "" }).ToListAsync(ct)
                        : await db.Accounts.Where(a => names.Contains(a.AvatarFile!) || names.Contains(a.HeaderFile!))
                            .Select(a => new[] { a.AvatarFile ?? "", a.HeaderFile ?? "" }).ToListAsync(ct);
                var kept = used.SelectMany(f => f).ToHashSet(StringComparer.Ordinal);
                foreach (var name in names.Where(n => !kept.Contains(n)))
                {
                    await storage.DeleteAsync(name, ct);
                    removed++;
                }
            }
        }
        return removed;
    }

    private async Task RemoveAsync(List<MediaAttachment> media, CancellationToken ct)
    {
        if (media.Count == 0)
        {
            return;
        }
        db.MediaAttachments.RemoveRange(media);
        await db.SaveChangesAsync(ct);
        await storage.TryDeleteAsync(media.SelectMany(m => new[] { m.File, m.ThumbnailFile }), ct);
    }
}
