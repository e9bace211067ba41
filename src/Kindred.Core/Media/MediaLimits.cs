using Kindred.Core.Common;

namespace Kindred.Core.Media;

/// <summary>The limits on post images, enforced here and published in the instance configuration.</summary>
public static class MediaLimits
{
    public const int MaxPerStatus = 4;
    public const int MaxDescription = 1_500;

    /// <summary>How long an upload may wait for a post (and a deleted post's images for a redraft) before the cleanup removes it.</summary>
    public static readonly TimeSpan UnattachedLifetime = TimeSpan.FromHours(24);

    public static long MaxBytes => ImageRules.Attachment.MaxBytes;

    public static long MaxPixels => ImageRules.Attachment.MaxPixels;

    public static readonly string[] ContentTypes = ["image/jpeg", "image/png", "image/webp", "image/gif"];
}
