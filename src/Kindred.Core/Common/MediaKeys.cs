namespace Kindred.Core.Common;

/// <summary>What a media key may look like, and the content type its extension stands for. Keys come from the server's
/// own names and, on reads, from the request path, so the check keeps "..", absolute paths and odd characters out of
/// both the local folder and the bucket.</summary>
public static class MediaKeys
{
    /// <summary>Export archives live under this prefix; every other key is a picture served at /media/.</summary>
    public const string ExportsPrefix = "exports/";

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200 || key[0] == '/' || key[^1] == '/')
        {
            return false;
        }
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment[0] == '.' || !segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    /// <exception cref="ArgumentException">The key is not one the server makes.</exception>
    public static string Checked(string key) => IsValid(key) ? key : throw new ArgumentException($"Not a media key: {key}", nameof(key));

    /// <summary>The content type of a key, from its extension, as the static-file middleware served them before.</summary>
    public static string? ContentType(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".zip" => "application/zip",
        _ => null,
    };
}
