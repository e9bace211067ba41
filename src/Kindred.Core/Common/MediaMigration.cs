using System.Security.Cryptography;

namespace Kindred.Core.Common;

/// <summary>
/// Copies every object of one media store into another (<c>kindred media migrate</c>, ADR 98). Resumable: an object the
/// target already holds with the same size and SHA-256 is skipped, so a copy cut short is finished by running it again.
/// Each copy is read back from the target and compared by size and SHA-256; a mismatch is counted as failed (and tried
/// again next run), never reported as copied. The source is never changed.
/// </summary>
public static class MediaMigration
{
    public static async Task<MediaMigrationResult> CopyAsync(IMediaStore from, IMediaStore to, TextWriter? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        int copied = 0, skipped = 0, failed = 0;
        long bytes = 0;
        // The listing is read whole first, so objects the copy writes (when both are the same store) are not listed again.
        var entries = new List<MediaEntry>();
        await foreach (var entry in from.ListAsync("", ct))
        {
            entries.Add(entry);
        }
        foreach (var entry in entries)
        {
            var (sourceHash, sourceSize, type) = await HashAsync(from, entry.Key, ct);
            if (sourceHash is null)
            {
                // Deleted since the listing (a cleanup ran): nothing to copy.
                continue;
            }
            if (await to.SizeAsync(entry.Key, ct) == sourceSize && (await HashAsync(to, entry.Key, ct)).Hash is { } existing && existing.SequenceEqual(sourceHash))
            {
                skipped++;
                continue;
            }
            await using (var source = await from.OpenAsync(entry.Key, ct))
            {
                if (source is null)
                {
                    continue;
                }
                await to.PutAsync(entry.Key, source.Content, type!, ct);
            }
            var (copyHash, copySize, _) = await HashAsync(to, entry.Key, ct);
            if (copyHash is not null && copySize == sourceSize && copyHash.SequenceEqual(sourceHash))
            {
                copied++;
                bytes += sourceSize;
            }
            else
            {
                failed++;
                if (progress is not null)
                {
                    await progress.WriteLineAsync($"{entry.Key}: the copy does not match the original (size or SHA-256); run the command again.");
                }
            }
        }
        return new MediaMigrationResult(copied, skipped, failed, bytes);
    }

    private static async Task<(byte[]? Hash, long Size, string? ContentType)> HashAsync(IMediaStore store, string key, CancellationToken ct)
    {
        await using var opened = await store.OpenAsync(key, ct);
        if (opened is null)
        {
            return (null, 0, null);
        }
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await opened.Content.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            size += read;
        }
        return (sha.GetHashAndReset(), size, MediaKeys.ContentType(key) ?? opened.ContentType);
    }
}
