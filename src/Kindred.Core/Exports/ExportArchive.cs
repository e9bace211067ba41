using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Exports;

/// <summary>
/// What goes into a member's export (ADR 69), all of it theirs: the ActivityStreams actor and outbox in the shape of a
/// Mastodon archive with the media they uploaded, Mastodon's CSVs, and Kindred's own JSON. Only rows the member wrote
/// or chose are read: their own posts (so of a direct conversation only their own messages), their own aid items and
/// messages, what staff noted about them. Another member's words appear nowhere; other accounts appear only by address.
/// </summary>
public sealed class ExportArchive(KindredDbContext db, IMediaStore media, ExportActivityStreams activityStreams, ExportCsvFiles csv, ExportKindredData kindred)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task WriteAsync(ZipArchive zip, long accountId, string baseUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var root = baseUrl.TrimEnd('/');
        var host = new Uri(root).Authority;
        var account = await db.Accounts.AsNoTracking().Include(a => a.Fields).FirstAsync(a => a.Id == accountId, ct);

        var files = new List<(string Entry, string Relative)>();
        await WriteJsonAsync(zip, "actor.json", activityStreams.Actor(account, root, files), ct);
        await WriteJsonAsync(zip, "outbox.json", await activityStreams.OutboxAsync(account, root, files, ct), ct);
        foreach (var (name, text) in await csv.AllAsync(accountId, root, host, ct))
        {
            await WriteTextAsync(zip, name, text, ct);
        }
        foreach (var (name, node) in await kindred.AllAsync(accountId, ct))
        {
            await WriteJsonAsync(zip, "kindred/" + name, node, ct);
        }
        foreach (var (entry, key) in files.DistinctBy(f => f.Entry))
        {
            // Pictures only: a key under exports/ is never one of a member's files.
            if (key.StartsWith(MediaKeys.ExportsPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            await using var opened = await media.OpenAsync(key, ct);
            if (opened is not null)
            {
                var zipped = zip.CreateEntry(entry, CompressionLevel.NoCompression);
                if (opened.LastModified.Year >= 1980)
                {
                    zipped.LastWriteTime = opened.LastModified;
                }
                await using var target = await zipped.OpenAsync(ct);
                await opened.Content.CopyToAsync(target, ct);
            }
        }
    }

    private static async Task WriteJsonAsync(ZipArchive zip, string name, JsonNode node, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(ct);
        await JsonSerializer.SerializeAsync(stream, node, Indented, ct);
    }

    private static async Task WriteTextAsync(ZipArchive zip, string name, string text, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(ct);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(text.AsMemory(), ct);
    }
}
