using System.IO.Compression;
using System.Net;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Exports;

/// <summary>
/// Builds a member's export (ADR 69) into a temporary file, moves it into place and records it ready with the e-mail
/// that links to it, in one SaveChanges. A second run (a process that died after the move) writes the same name again.
/// The e-mail says only that the export is ready and where to sign in to download it (ADR 47).
/// </summary>
public sealed class ExportJob(KindredDbContext db, ExportService exports, ExportArchive archive, MailJob mail, TimeProvider time) : IJobHandler
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
        Directory.CreateDirectory(exports.Root);
        var name = ExportService.FileName(export.Id);
        var path = Path.Combine(exports.Root, name);
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Create);
            await archive.WriteAsync(zip, export.AccountId, request.BaseUrl, ct);
        }
        File.Move(temporary, path, overwrite: true);
        var now = time.UtcNow();
        export.File = name;
        export.FileSize = new FileInfo(path).Length;
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
