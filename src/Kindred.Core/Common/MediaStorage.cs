using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Common;

/// <summary>Files under {DataDirectory}/media, served at /media/. The one implementation of the media seam for now;
/// an object-store implementation arrives with scale-out.</summary>
public sealed class MediaStorage(IOptions<KindredOptions> options)
{
    public string Root => Path.Combine(options.Value.FullDataDirectory, "media");

    /// <returns>The path relative to the media root, e.g. "avatars/123-abcd.jpg".</returns>
    public async Task<string> SaveAsync(string folder, long ownerId, ProcessedImage image, CancellationToken ct)
    {
        var directory = Path.Combine(Root, folder);
        Directory.CreateDirectory(directory);
        var name = $"{ownerId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}{image.Extension}";
        var path = Path.Combine(directory, name);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, image.Bytes, ct);
        File.Move(temporary, path);
        return $"{folder}/{name}";
    }

    /// <summary>Saves under a name of 128 random bits and nothing else, so the address of a post's image cannot be
    /// guessed from its owner, its id or another image (ADR 13).</summary>
    /// <returns>The path relative to the media root, e.g. "attachments/3f…9a.jpg".</returns>
    public async Task<string> SaveUnguessableAsync(string folder, ProcessedImage image, CancellationToken ct)
    {
        var directory = Path.Combine(Root, folder);
        Directory.CreateDirectory(directory);
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + image.Extension;
        var path = Path.Combine(directory, name);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, image.Bytes, ct);
        File.Move(temporary, path);
        return $"{folder}/{name}";
    }

    /// <summary>The files of <paramref name="folder"/> last written before <paramref name="before"/>, as paths relative to
    /// the media root; none when the folder does not exist yet.</summary>
    public IEnumerable<string> FilesWrittenBefore(string folder, DateTime before)
    {
        var directory = Path.Combine(Root, folder);
        if (!Directory.Exists(directory))
        {
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (File.GetLastWriteTimeUtc(file) < before)
            {
                yield return $"{folder}/{Path.GetFileName(file)}";
            }
        }
    }

    public void Delete(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (full.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full))
        {
            File.Delete(full);
        }
    }
}
