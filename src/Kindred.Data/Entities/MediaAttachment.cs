namespace Kindred.Data.Entities;

/// <summary>
/// An image a member uploaded for a post. It belongs to its uploader until a status takes it (<see cref="StatusId"/>);
/// both files are re-encoded copies under the media folder, named by random strings that cannot be guessed from ids.
/// </summary>
public class MediaAttachment
{
    public long Id { get; set; }

    /// <summary>Who uploaded it; only they may attach, read or describe it before it is posted.</summary>
    public long AccountId { get; set; }

    /// <summary>The status it belongs to; null between upload and post. A deleted status keeps its media for a day
    /// (delete-and-redraft re-attaches them), then the cleanup removes them.</summary>
    public long? StatusId { get; set; }

    /// <summary>Order within the status (0 to 3), as the author listed the ids.</summary>
    /// <summary>The scheduled post that will take it when published; the cleanup leaves it alone meanwhile.</summary>
    public long? ScheduledStatusId { get; set; }
    public int Position { get; set; }

    public MediaType Type { get; set; }

    /// <summary>The re-encoded original, relative to the media folder (e.g. "attachments/3f…9a.jpg").</summary>
    public string File { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    public long FileSize { get; set; }

    /// <summary>The small version shown in feeds, relative to the media folder.</summary>
    public string ThumbnailFile { get; set; } = "";
    public int ThumbnailWidth { get; set; }
    public int ThumbnailHeight { get; set; }

    /// <summary>Alt text for people who cannot see the image.</summary>
    public string? Description { get; set; }

    /// <summary>Focal point from -1 to 1 on each axis (Mastodon's convention: y grows upwards), for cropped previews.</summary>
    public double FocusX { get; set; }
    public double FocusY { get; set; }

    /// <summary>A BlurHash placeholder; null until a BlurHash encoder is available.</summary>
    public string? Blurhash { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Since when no live status holds it (set on upload and when its status is deleted or drops it, cleared
    /// when it is posted); the cleanup removes media unattached for a day.</summary>
    public DateTime? UnattachedSince { get; set; }
}
