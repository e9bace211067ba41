using System.Globalization;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Reports;

/// <summary>Filing reports. Attached posts are looked up through <see cref="StatusVisibility"/> as the reporter reads
/// them, so a report can never be used to learn that a hidden post exists; they are copied into the report as they are
/// now (the snapshot, ADR 67). Moderators hear of each new report.</summary>
public sealed class ReportService(KindredDbContext db, Notify notify, TimeProvider time)
{
    public const int MaxCommentCharacters = 1_000;
    public const int MaxStatuses = 50;

    public async Task<Report> CreateAsync(long reporterId, NewReport input, CancellationToken ct = default)
    {
        if (!await db.Accounts.Visible().AnyAsync(a => a.Id == input.TargetAccountId, ct))
        {
            throw KindredException.NotFound();
        }
        if (input.TargetAccountId == reporterId)
        {
            throw KindredException.Invalid("account_id", "You cannot report yourself.");
        }
        var comment = input.Comment?.Trim() ?? "";
        if (new StringInfo(comment).LengthInTextElements > MaxCommentCharacters)
        {
            throw KindredException.Invalid("comment", $"The comment is too long (at most {MaxCommentCharacters} characters).");
        }
        var statusIds = input.StatusIds.Distinct().ToList();
        if (statusIds.Count > MaxStatuses)
        {
            throw KindredException.Invalid("status_ids", $"A report can include at most {MaxStatuses} posts.");
        }
        var readable = await db.Statuses.VisibleTo(db, Viewer.Member(reporterId))
            .Where(s => statusIds.Contains(s.Id))
            .Select(s => new { s.Id, s.AccountId, s.ContentHtml, s.SpoilerText, s.Sensitive, s.Visibility, s.CreatedAt })
            .ToListAsync(ct);
        if (readable.Count < statusIds.Count)
        {
            // Unknown and unreadable posts are the same "not found", as everywhere else.
            throw KindredException.NotFound();
        }
        if (readable.Any(s => s.AccountId != input.TargetAccountId))
        {
            throw KindredException.Invalid("status_ids", "The posts must be from the reported account.");
        }
        var ruleIds = input.RuleIds.Distinct().ToList();
        if (ruleIds.Count > 0 && await db.InstanceRules.CountAsync(r => ruleIds.Contains(r.Id), ct) < ruleIds.Count)
        {
            throw KindredException.Invalid("rule_ids", "Choose rules of this server.");
        }
        // Citing rules makes it a rule violation, whatever category was sent (as Mastodon does).
        var category = ruleIds.Count > 0 ? ReportCategory.Violation : input.Category ?? ReportCategory.Other;

        var now = time.UtcNow();
        var target = await db.Accounts.AsNoTracking().Where(a => a.Id == input.TargetAccountId)
            .Select(a => new { a.Username, a.DisplayName }).FirstAsync(ct);
        var report = new Report
        {
            Id = Snowflake.NewId(now),
            AccountId = reporterId,
            TargetAccountId = input.TargetAccountId,
            TargetUsername = target.Username,
            TargetDisplayName = target.DisplayName,
            Category = category,
            Comment = comment,
            StatusIds = statusIds,
            RuleIds = ruleIds,
            Forward = input.Forward,
            CreatedAt = now,
        };
        // The snapshot (ADR 67): what the reporter read, copied now, so an edit or a deletion by the author afterwards
        // does not change what the moderators judge.
        var descriptions = (await db.MediaAttachments.AsNoTracking()
                .Where(m => m.StatusId != null && statusIds.Contains(m.StatusId.Value))
                .Select(m => new { StatusId = m.StatusId!.Value, m.Position, m.Description })
                .ToListAsync(ct))
            .ToLookup(m => m.StatusId);
        foreach (var status in readable.OrderBy(s => s.Id))
        {
            report.Snapshot.Add(new ReportedStatus
            {
                ReportId = report.Id,
                StatusId = status.Id,
                ContentHtml = status.ContentHtml,
                SpoilerText = status.SpoilerText,
                Sensitive = status.Sensitive,
                Visibility = status.Visibility,
                PostedAt = status.CreatedAt,
                MediaDescriptions = descriptions[status.Id].OrderBy(m => m.Position).Select(m => m.Description ?? "").ToList(),
            });
        }
        db.Reports.Add(report);
        await NotifyModeratorsAsync(report, ct);
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>
    /// Every active moderator hears of the report, saved with it, through <see cref="Notify.AddRegardless(DateTime, string, IEnumerable{long}, long, NotificationAbout)"/>:
    /// handling reports is a duty, so a moderator's mute of the reporter does not silence it. The reported account is never told, even when
    /// it is a moderator itself, and the reporter is not told about their own report.
    /// </summary>
    private async Task NotifyModeratorsAsync(Report report, CancellationToken ct)
    {
        var moderators = await db.Users.Active().InRoles(Roles.CanModerate)
            .Where(u => u.Id != report.AccountId && u.Id != report.TargetAccountId)
            .Select(u => u.Id)
            .ToListAsync(ct);
        notify.AddRegardless(report.CreatedAt, NotificationTypes.AdminReport, moderators, report.AccountId, new NotificationAbout(ReportId: report.Id));
    }
}
