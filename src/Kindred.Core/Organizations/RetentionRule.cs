using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Organizations;

/// <summary>
/// Applies the retention settings (ADR 70) in the hourly cleanup: the messages of aid conversations closed longer ago
/// than the setting, the review notes of escalations (aid, and conversations and people, ADR 75) reviewed that long ago,
/// audit records older than theirs, and the sign-up addresses of accounts made longer ago than theirs (ADR 73).
/// Exports are removed by the export feature with <see cref="Retention.ExportDays"/>. Only what is older than its
/// setting goes; a late or repeated run deletes nothing more.
/// </summary>
public sealed class RetentionRule(KindredDbContext db) : IRowRetention
{
    public async Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct)
    {
        var retention = Retention.Of(await db.Organizations.AsNoTracking().FirstOrDefaultAsync(ct));

        // A conversation is closed when its item ended, or when the answer was declined or withdrawn.
        var conversationsBefore = now - TimeSpan.FromDays(retention.AidConversationDays);
        var closed = db.AidResponses.Where(r =>
                ((r.State == AidResponseState.Declined || r.State == AidResponseState.Withdrawn) && r.DecidedAt < conversationsBefore)
                || db.AidItems.Any(i => i.Id == r.ItemId && i.EndedAt < conversationsBefore
                    && (i.State == AidItemState.Fulfilled || i.State == AidItemState.Closed || i.State == AidItemState.Expired)))
            .Select(r => r.Id);
        var deleted = await db.AidMessages.Where(m => closed.Contains(m.ResponseId)).ExecuteDeleteAsync(ct);

        var notesBefore = now - TimeSpan.FromDays(retention.EscalationNoteDays);
        deleted += await db.AidEscalations.Where(e => e.ReviewedAt < notesBefore && e.ReviewNote != "")
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ReviewNote, ""), ct);
        deleted += await db.SafetyEscalations.Where(e => e.ReviewedAt < notesBefore && e.ReviewNote != "")
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ReviewNote, ""), ct);

        // The one removal of audit entries (ADR 56 keeps them from every other change): past their retention.
        var auditBefore = now - TimeSpan.FromDays(Math.Max(retention.AuditDays, Retention.MinAuditDays));
        deleted += await db.AuditEntries.Where(e => e.At < auditBefore).ExecuteDeleteAsync(ct);

        // The address an account signed up from is for spotting abuse soon after sign-up (ADR 73), not kept for ever.
        var signUpsBefore = now - TimeSpan.FromDays(retention.SignUpIpDays);
        deleted += await db.Users.Where(u => u.SignUpIp != null && u.CreatedAt < signUpsBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SignUpIp, (string?)null), ct);
        return deleted;
    }
}
