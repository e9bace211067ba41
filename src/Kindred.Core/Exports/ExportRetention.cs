using System.Globalization;
using Kindred.Core.Jobs;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Exports;

/// <summary>
/// Removes expired exports, file first, then the row (ADR 69), and any ZIP in the exports folder whose row is gone (an
/// account deleted with its rows leaves its files here). The row exists before its job writes the file, so a file
/// without a row is never one being built; files being written end in .tmp and are left alone.
/// </summary>
public sealed class ExportRetention(KindredDbContext db, ExportService exports) : IRowRetention
{
    public async Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct)
    {
        var expired = await db.DataExports.Where(e => e.ExpiresAt <= now).Select(e => e.Id).ToListAsync(ct);
        foreach (var id in expired)
        {
            Delete(Path.Combine(exports.Root, ExportService.FileName(id)));
        }
        var deleted = expired.Count == 0 ? 0 : await db.DataExports.Where(e => expired.Contains(e.Id)).ExecuteDeleteAsync(ct);
        if (Directory.Exists(exports.Root))
        {
            var files = Directory.GetFiles(exports.Root, "*.zip")
                .Select(f => (Path: f, Id: long.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0))
                .ToList();
            var ids = files.Select(f => f.Id).ToList();
            var known = (await db.DataExports.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
            foreach (var file in files.Where(f => !known.Contains(f.Id)))
            {
                Delete(file.Path);
            }
        }
        return deleted;
    }

    private static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
