using Kindred.Data.Entities;

namespace Kindred.Core.Organizations;

/// <summary>
/// How many days the organization keeps what it no longer needs (ADR 70), set by admins on /admin/retention and
/// applied hourly by <see cref="RetentionRule"/>. Unset settings take the defaults documented in the README.
/// </summary>
public sealed record Retention(int AidConversationDays, int EscalationNoteDays, int ExportDays, int AuditDays)
{
    public static Retention Defaults { get; } = new(365, 730, 7, 730);

    /// <summary>The audit log is the organization's account of what staff did: at least a year of it is kept.</summary>
    public const int MinAuditDays = 365;

    public const int MaxDays = 3650;

    public static Retention Of(Organization? organization) => organization is null ? Defaults : new(
        organization.AidConversationRetentionDays ?? Defaults.AidConversationDays,
        organization.EscalationNoteRetentionDays ?? Defaults.EscalationNoteDays,
        organization.ExportRetentionDays ?? Defaults.ExportDays,
        organization.AuditRetentionDays ?? Defaults.AuditDays);
}
