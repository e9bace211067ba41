using Kindred.Core.Common;
using Kindred.Core.Common.Email;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Announcements;

/// <summary>
/// Mails an announcement to its audience one batch per job (ADR 61). A batch takes the next members of the audience
/// by id, queues one mail job each (idempotency key: announcement and member) and the next batch (key: announcement
/// and last member) in one SaveChanges. A batch that runs again after a crash finds its keys taken and queues nothing
/// twice; consent is read when the batch runs, so a member who opted out meanwhile is left out. An announcement that
/// was deleted or unpublished stops its mailing at the next batch.
/// </summary>
public sealed class AnnouncementMailJob(KindredDbContext db, JobQueue jobs, MailJob mail, AnnouncementTokens tokens,
    IOptions<AnnouncementsOptions> options, IOptions<KindredOptions> kindred) : IJobHandler
{
    public const string Name = "announcement-mail";

    public string Kind => Name;

    public static string BatchKey(long announcementId, long after) => $"{announcementId}:{after}";

    public static string MailKey(long announcementId, long userId) => $"announcement:{announcementId}:{userId}";

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var batch = JobQueue.Read<AnnouncementMailBatch>(job);
        var announcement = await db.Announcements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == batch.AnnouncementId, ct);
        if (announcement?.PublishedAt is null)
        {
            return 0;
        }
        var size = Math.Max(1, options.Value.MailBatchSize);
        var members = await batch.Audience.Recipients(db).Where(u => u.Id > batch.After).OrderBy(u => u.Id).Take(size)
            .Select(u => new { u.Id, u.Email, u.Locale }).ToListAsync(ct);
        if (members.Count == 0)
        {
            return 0;
        }
        var keys = members.Select(m => MailKey(announcement.Id, m.Id)).ToList();
        var queued = (await db.Jobs.Where(j => j.Kind == MailJob.Name && keys.Contains(j.IdempotencyKey!))
            .Select(j => j.IdempotencyKey!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var organization = await db.Organizations.Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "Kindred";
        var baseUrl = string.IsNullOrWhiteSpace(kindred.Value.PublicUrl) ? "http://localhost:5000" : kindred.Value.PublicUrl.TrimEnd('/');
        var added = 0;
        foreach (var member in members)
        {
            var key = MailKey(announcement.Id, member.Id);
            if (queued.Contains(key))
            {
                continue;
            }
            var unsubscribe = $"{baseUrl}/announcements/unsubscribe?token={Uri.EscapeDataString(tokens.For(member.Id))}";
            var (subject, text, html) = AnnouncementEmail.Render(announcement.Text, organization, member.Locale, baseUrl, unsubscribe);
            mail.Add(member.Email!, subject, text, html, new Dictionary<string, string>
            {
                // RFC 2369 and RFC 8058, as on digests: mail apps offer a button that POSTs "List-Unsubscribe=One-Click".
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                // RFC 3834: automatic mail, so auto-responders stay quiet.
                ["Auto-Submitted"] = "auto-generated",
            }, key);
            added++;
        }
        if (members.Count == size)
        {
            await jobs.AddOnceAsync(Name, BatchKey(announcement.Id, members[^1].Id), batch with { After = members[^1].Id }, ct: ct);
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
