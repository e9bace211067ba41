using System.Globalization;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Media attachments on the wire. The caller has decided the viewer may see them (their own upload, or an
/// image of a status they may read).</summary>
public sealed class MediaRenderer(PublicUrls urls)
{
    public MastodonMediaAttachment Render(MediaAttachment media) => Render(media, media.Description);

    /// <summary>With the description an earlier version of a post gave it (edit history).</summary>
    public MastodonMediaAttachment Render(MediaAttachment media, string? description) => new()
    {
        Id = media.Id.ToString(CultureInfo.InvariantCulture),
        Type = "image",
        Url = urls.Absolute("/media/" + media.File),
        PreviewUrl = urls.Absolute("/media/" + media.ThumbnailFile),
        Meta = new MastodonMediaMeta(
            MastodonMediaSize.Of(media.Width, media.Height),
            MastodonMediaSize.Of(media.ThumbnailWidth, media.ThumbnailHeight),
            new MastodonMediaFocus(media.FocusX, media.FocusY)),
        Description = description,
        Blurhash = media.Blurhash,
    };
}
