namespace Kindred.Core.Common;

/// <summary>Limits and target size for one kind of upload. Use the presets unless a feature needs its own.</summary>
public sealed record ImageRules
{
    private const long Megabyte = 1024 * 1024;

    // 4096 × 4096: well above any phone camera, and a decoded RGBA buffer of at most 64 MB.
    private const long DefaultMaxPixels = 4096 * 4096;

    /// <summary>Form field the error is reported against, using Mastodon's parameter names.</summary>
    public required string Field { get; init; }

    /// <summary>Largest upload accepted, counted while reading rather than trusted from Content-Length.</summary>
    public required long MaxBytes { get; init; }

    /// <summary>Largest width × height accepted, checked from the file header before any pixels are decoded.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    public required int TargetWidth { get; init; }

    public required int TargetHeight { get; init; }

    public ImageFit Fit { get; init; } = ImageFit.Cover;

    /// <summary>Profile pictures, as Mastodon stores them: a 400 × 400 square.</summary>
    public static ImageRules Avatar { get; } = new()
    {
        Field = "avatar",
        MaxBytes = 2 * Megabyte,
        TargetWidth = 400,
        TargetHeight = 400,
    };

    /// <summary>Profile and group banners, as Mastodon stores them: 1500 × 500.</summary>
    public static ImageRules Header { get; } = new()
    {
        Field = "header",
        MaxBytes = 4 * Megabyte,
        TargetWidth = 1500,
        TargetHeight = 500,
    };

    /// <summary>Images attached to posts: never cropped, scaled to fit 1920 × 1920.</summary>
    public static ImageRules Attachment { get; } = new()
    {
        Field = "file",
        MaxBytes = 10 * Megabyte,
        TargetWidth = 1920,
        TargetHeight = 1920,
        Fit = ImageFit.Inside,
    };

    /// <summary>The preview of a post image shown in feeds: scaled to fit 640 × 640, never cropped.</summary>
    public static ImageRules AttachmentThumbnail { get; } = new()
    {
        Field = "file",
        MaxBytes = 10 * Megabyte,
        TargetWidth = 640,
        TargetHeight = 640,
        Fit = ImageFit.Inside,
    };

    /// <summary>Custom emojis (ADR 82): at most 256 KB uploaded, scaled to fit 128 × 128, never cropped.</summary>
    public static ImageRules Emoji { get; } = new()
    {
        Field = "image",
        MaxBytes = 256 * 1024,
        MaxPixels = 1024 * 1024,
        TargetWidth = 128,
        TargetHeight = 128,
        Fit = ImageFit.Inside,
    };
}
