namespace Kindred.Server.ActivityPub;

/// <summary>The media type of a stored image or video by its extension (Kindred stores what it processed, so the
/// extension is the format).</summary>
public static class MediaTypes
{
    public static string Of(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".mp4" => "video/mp4",
        ".webm" => "video/webm",
        ".mp3" => "audio/mpeg",
        ".ogg" => "audio/ogg",
        _ => "image/jpeg",
    };
}
