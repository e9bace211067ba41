using Kindred.Data.Entities;

namespace Kindred.Core.Organizations;

/// <summary>
/// How many days the organization keeps what it no longer needs (ADR 70), set by admins on /admin/retention and
/// applied hourly by <see cref="RetentionRule"/>. Unset settings take the defaults documented in the README.
/// </summary>
/// <param name="SignUpIpDays">How long an account keeps the address it signed up from (ADR 73).</param>
public sealed record Retention(int AidConversationDays, int EscalationNoteDays, int ExportDays, int AuditDays, int SignUpIpDays = Retention.DefaultSignUpIpDays)
{
    public const int DefaultSignUpIpDays = 365;

    public static Retention Defaults { get; } = new(365, 730, 7, 730, DefaultSignUpIpDays);

    /// <summary>The audit log is the organization's account of what staff did: at least a year of it is kept.</summary>
    public const int MinAuditDays = 365;

    public const int MaxDays = 3650;

    public static Retention Of(Organization? organization) => organization is null ? Defaults : new(
        organization.AidConversationRetentionDays ?? Defaults.AidConversationDays,
        organization.EscalationNoteRetentionDays ?? Defaults.EscalationNoteDays,
        organization.ExportRetentionDays ?? Defaults.ExportDays,
        organization.AuditRetentionDays ?? Defaults.AuditDays,
        organization.SignUpIpRetentionDays ?? Defaults.SignUpIpDays);
}
