using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Common;

/// <summary>
/// The default store: files under {DataDirectory}/media (pictures) and {DataDirectory}/exports (archives), laid out
/// exactly as before the seam existed (ADR 98), so an existing data folder keeps working and backups copy the same
/// folders. A file is written under a temporary name ending in .tmp and moved into place, so readers and listings never
/// see half a file.
/// </summary>
public sealed class LocalMediaStore(IOptions<KindredOptions> options) : IMediaStore
{
    private const string Temporary = ".tmp";

    public string Name => "local";

    public string MediaRoot => Path.Combine(options.Value.FullDataDirectory, "media");

    public string ExportsRoot => Path.Combine(options.Value.FullDataDirectory, "exports");

    /// <summary>The full path of a key, always inside its root.</summary>
    public string PathOf(string key)
    {
        MediaKeys.Checked(key);
        var (root, relative) = key.StartsWith(MediaKeys.ExportsPrefix, StringComparison.Ordinal)
            ? (ExportsRoot, key[MediaKeys.ExportsPrefix.Length..])
            : (MediaRoot, key);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"Not a media key: {key}", nameof(key));
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A name of its own per writer: two nodes or jobs writing one key never share a temporary file.
        var temporary = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}{Temporary}";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, ct);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Task<MediaObject?> OpenAsync(string key, CancellationToken ct)
    {
        if (!MediaKeys.IsValid(key))
        {
            return Task.FromResult<MediaObject?>(null);
        }
        var info = new FileInfo(PathOf(key));
        if (!info.Exists)
        {
            return Task.FromResult<MediaObject?>(null);
        }
        try
        {
            var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
            // The same shape of tag as the static-file middleware gave, so browsers' cached copies stay valid.
            var tag = $"\"{(info.LastWriteTimeUtc.ToFileTimeUtc() ^ info.Length):x}\"";
            return Task.FromResult<MediaObject?>(new MediaObject(stream, stream.Length, MediaKeys.ContentType(key) ?? "application/octet-stream", info.LastWriteTimeUtc, tag));
        }
        catch (FileNotFoundException)
        {
            // Deleted between the check and the open.
            return Task.FromResult<MediaObject?>(null);
        }
    }

    public Task<long?> SizeAsync(string key, CancellationToken ct)
    {
        var info = new FileInfo(PathOf(key));
        return Task.FromResult(info.Exists ? info.Length : (long?)null);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        if (MediaKeys.IsValid(key))
        {
            File.Delete(PathOf(key));
        }
        return Task.CompletedTask;
    }

    /// <summary>Removes the temporary files of writes abandoned before <paramref name="before"/> (a process that died
    /// while writing); an object store has none, its puts are whole or nothing.</summary>
    /// <returns>How many were removed.</returns>
    public int RemoveAbandonedWrites(DateTime before)
    {
        var removed = 0;
        foreach (var root in new[] { MediaRoot, ExportsRoot }.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*" + Temporary, SearchOption.AllDirectories))
            {
                if (File.GetLastWriteTimeUtc(file) < before)
                {
                    File.Delete(file);
                    removed++;
                }
            }
        }
        return removed;
    }

    public async IAsyncEnumerable<MediaEntry> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        foreach (var (root, keyPrefix) in new[] { (MediaRoot, ""), (ExportsRoot, MediaKeys.ExportsPrefix) })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }
            // Exports live in their own folder, so "exports/…" is never looked for under media/ (nor the reverse).
            if (keyPrefix.Length == 0 && prefix.StartsWith(MediaKeys.ExportsPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (keyPrefix.Length > 0 && !(prefix.StartsWith(keyPrefix, StringComparison.Ordinal) || keyPrefix.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                ct.ThrowIfCancellationRequested();
                var key = keyPrefix + Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                if (key.EndsWith(Temporary, StringComparison.Ordinal) || !key.StartsWith(prefix, StringComparison.Ordinal) || !MediaKeys.IsValid(key))
                {
                    continue;
                }
                var info = new FileInfo(file);
                if (info.Exists)
                {
                    yield return new MediaEntry(key, info.Length, info.LastWriteTimeUtc);
                }
            }
        }
        await Task.CompletedTask;
    }
}
