using System.IO.Compression;
using System.Net;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Exports;

/// <summary>
/// Builds a member's export (ADR 69) into a temporary file, puts it in the media store (ADR 98) and records it ready with
/// the e-mail that links to it, in one SaveChanges. A second run (a process that died after the put) writes the same key again.
/// The e-mail says only that the export is ready and where to sign in to download it (ADR 47).
/// </summary>
public sealed class ExportJob(KindredDbContext db, ExportService exports, ExportArchive archive, IMediaStore store, MailJob mail, TimeProvider time) : IJobHandler
{
    public const string Name = "export.build";

    public string Kind => Name;

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var request = JobQueue.Read<ExportRequest>(job);
        var export = await db.DataExports.FirstOrDefaultAsync(e => e.Id == request.ExportId, ct);
        if (export is null || export.ReadyAt is not null)
        {
            return 0;
        }
        var name = ExportService.FileName(export.Id);
        // Built on this node's disk (a ZIP needs a seekable stream), then put whole into the store.
        var temporary = Path.Combine(Path.GetTempPath(), $"kindred-export-{name}-{Guid.NewGuid():N}.tmp");
        long size;
        try
        {
            await using (var file = File.Create(temporary))
            {
                using var zip = new ZipArchive(file, ZipArchiveMode.Create);
                await archive.WriteAsync(zip, export.AccountId, request.BaseUrl, ct);
            }
            await using var built = File.OpenRead(temporary);
            size = built.Length;
            await store.PutAsync(ExportService.Key(name), built, "application/zip", ct);
        }
        finally
        {
            File.Delete(temporary);
        }
        var now = time.UtcNow();
        export.File = name;
        export.FileSize = size;
        export.ReadyAt = now;
        var keep = await exports.KeepAsync(ct);
        export.ExpiresAt = now + keep;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == export.AccountId)
            .Select(u => new { u.Email, u.EmailConfirmed, u.Locale }).FirstOrDefaultAsync(ct);
        if (user is { EmailConfirmed: true, Email: { Length: > 0 } address })
        {
            var fr = user.Locale == "fr";
            var link = request.BaseUrl.TrimEnd('/') + "/settings/export";
            var subject = fr ? "Votre export de données est prêt" : "Your data export is ready";
            var days = (int)keep.TotalDays;
            var intro = fr ? $"La copie de vos données que vous avez demandée est prête. Connectez-vous pour la télécharger dans les {days} jours :"
                : $"The copy of your data you asked for is ready. Sign in to download it within {days} days:";
            mail.Add(address, subject, $"{intro}\n\n{link}\n",
                $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>");
        }
        await db.SaveChangesAsync(ct);
        return 1;
    }
}
