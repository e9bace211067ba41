using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Exports;

/// <summary>
/// Removes expired exports, file first, then the row (ADR 69), and any ZIP under exports/ in the media store whose row is
/// gone (an account deleted with its rows leaves its files there). The row exists before its job writes the file, so a
/// file without a row is never one being built; a store lists only complete objects.
/// </summary>
public sealed class ExportRetention(KindredDbContext db, IMediaStore store) : IRowRetention
{
    public async Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct)
    {
        var expired = await db.DataExports.Where(e => e.ExpiresAt <= now).Select(e => e.Id).ToListAsync(ct);
        foreach (var id in expired)
        {
            await store.DeleteAsync(ExportService.Key(ExportService.FileName(id)), ct);
        }
        var deleted = expired.Count == 0 ? 0 : await db.DataExports.Where(e => expired.Contains(e.Id)).ExecuteDeleteAsync(ct);
        var files = new List<(string Key, long Id)>();
        await foreach (var entry in store.ListAsync(MediaKeys.ExportsPrefix, ct))
        {
            var name = entry.Key[MediaKeys.ExportsPrefix.Length..];
            if (name.EndsWith(".zip", StringComparison.Ordinal) && !name.Contains('/', StringComparison.Ordinal))
            {
                files.Add((entry.Key, long.TryParse(name[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0));
            }
        }
        foreach (var batch in files.Chunk(500))
        {
            var ids = batch.Select(f => f.Id).ToList();
            var known = (await db.DataExports.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
            foreach (var file in batch.Where(f => !known.Contains(f.Id)))
            {
                await store.DeleteAsync(file.Key, ct);
            }
        }
        return deleted;
    }
}
