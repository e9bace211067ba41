using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Kindred.Core.Common;

/// <summary>Names and writes the server's pictures in the media store (ADR 13, ADR 98); the files are served at /media/
/// by their key.</summary>
public sealed partial class MediaStorage(IMediaStore store, ILogger<MediaStorage> logger)
{
    public IMediaStore Store => store;

    /// <returns>The key, e.g. "avatars/123-abcd.jpg".</returns>
    public async Task<string> SaveAsync(string folder, long ownerId, ProcessedImage image, CancellationToken ct)
    {
        var key = $"{folder}/{ownerId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}{image.Extension}";
        await PutAsync(key, image, ct);
        return key;
    }

    /// <summary>Saves under a name of 128 random bits and nothing else, so the address of a post's image cannot be
    /// guessed from its owner, its id or another image (ADR 13).</summary>
    /// <returns>The key, e.g. "attachments/3f…9a.jpg".</returns>
    public async Task<string> SaveUnguessableAsync(string folder, ProcessedImage image, CancellationToken ct)
    {
        var key = $"{folder}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}{image.Extension}";
        await PutAsync(key, image, ct);
        return key;
    }

    /// <summary>The objects of <paramref name="folder"/> last written before <paramref name="before"/>, as keys.</summary>
    public async IAsyncEnumerable<string> FilesWrittenBeforeAsync(string folder, DateTime before, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var entry in store.ListAsync(folder + "/", ct))
        {
            if (entry.LastModified < before)
            {
                yield return entry.Key;
            }
        }
    }

    /// <summary>Removes a picture; a key that is null, empty or not one of ours is ignored.</summary>
    public Task DeleteAsync(string? key, CancellationToken ct = default) =>
        MediaKeys.IsValid(key) && !key!.StartsWith(MediaKeys.ExportsPrefix, StringComparison.Ordinal) ? store.DeleteAsync(key, ct) : Task.CompletedTask;

    /// <summary>
    /// Removes pictures no row points at any more, once the change is saved. A store that does not answer leaves them
    /// in place and logs it: the change is already acknowledged, and the hourly sweep of unreferenced files
    /// (<c>MediaService.CleanUpAsync</c>) removes them later.
    /// </summary>
    public async Task TryDeleteAsync(IEnumerable<string?> keys, CancellationToken ct = default)
    {
        foreach (var key in keys)
        {
            try
            {
                await DeleteAsync(key, ct);
            }
            catch (MediaStoreUnavailableException e)
            {
                LogLeftBehind(logger, key, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Left {Key} in the media store for the cleanup sweep: {Reason}")]
    private static partial void LogLeftBehind(ILogger logger, string? key, string reason);

    private async Task PutAsync(string key, ProcessedImage image, CancellationToken ct)
    {
        using var bytes = new MemoryStream(image.Bytes, writable: false);
        await store.PutAsync(key, bytes, image.ContentType, ct);
    }
}
