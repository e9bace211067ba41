using System.Globalization;
using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Organizations;

/// <summary>Reading and changing the retention settings (admins; ADR 70). Every value is checked before anything is
/// written, and the change goes into the audit log with the values before and after.</summary>
public sealed class RetentionService(KindredDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Retention> GetAsync(CancellationToken ct = default) =>
        Retention.Of(await db.Organizations.AsNoTracking().FirstOrDefaultAsync(ct));

    public async Task<Retention> UpdateAsync(long actorId, Retention wanted, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var role = await db.Users.AsNoTracking().Active().Where(u => u.Id == actorId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is not { } r || !Roles.CanAdminister(r))
        {
            throw KindredException.Forbidden("Only admins change how long things are kept.");
        }
        Check(wanted.AidConversationDays, 1, "aid_conversation_days", "Closed aid conversations");
        Check(wanted.EscalationNoteDays, 1, "escalation_note_days", "Review notes");
        Check(wanted.ExportDays, 1, "export_days", "Exports");
        Check(wanted.AuditDays, Retention.MinAuditDays, "audit_days", "Audit records");
        Check(wanted.SignUpIpDays, 1, "sign_up_ip_days", "Sign-up addresses");
        var organization = await db.Organizations.FirstOrDefaultAsync(ct) ?? throw KindredException.Conflict("Set the server up first.");
        var before = Retention.Of(organization);
        if (before == wanted)
        {
            return before;
        }
        organization.AidConversationRetentionDays = wanted.AidConversationDays;
        organization.EscalationNoteRetentionDays = wanted.EscalationNoteDays;
        organization.ExportRetentionDays = wanted.ExportDays;
        organization.AuditRetentionDays = wanted.AuditDays;
        organization.SignUpIpRetentionDays = wanted.SignUpIpDays;
        organization.UpdatedAt = time.UtcNow();
        audit.Add(actorId, AuditActions.RetentionUpdate, AuditTarget.Organization, "Changed how long things are kept.", Describe(before), Describe(wanted));
        await db.SaveChangesAsync(ct);
        return wanted;
    }

    private static void Check(int days, int min, string field, string label)
    {
        if (days < min || days > Retention.MaxDays)
        {
            throw KindredException.Invalid(field, string.Format(CultureInfo.InvariantCulture, "{0}: between {1} and {2} days.", label, min, Retention.MaxDays));
        }
    }

    private static string Describe(Retention r) => string.Format(CultureInfo.InvariantCulture,
        "aid conversations {0} days, review notes {1} days, exports {2} days, audit records {3} days, sign-up addresses {4} days",
        r.AidConversationDays, r.EscalationNoteDays, r.ExportDays, r.AuditDays, r.SignUpIpDays);
}
