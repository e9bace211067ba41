namespace Kindred.Core.Audit;

/// <summary>What an audited action was done to: a kind and, for most kinds, an id.</summary>
public sealed record AuditTarget(string Kind, long? Id)
{
    public static AuditTarget Account(long id) => new("account", id);

    public static AuditTarget Organization { get; } = new("organization", null);

    public static AuditTarget AidCategory(long id) => new("aid_category", id);

    public static AuditTarget CustomEmoji(long id) => new("custom_emoji", id);

    public static AuditTarget Place(long id) => new("place", id);

    public static AuditTarget AidEscalation(long id) => new("aid_escalation", id);

    public static AuditTarget SafetyEscalation(long id) => new("safety_escalation", id);

    public static AuditTarget VettedHelper(long id) => new("vetted_helper", id);

    public static AuditTarget Invitation(long id) => new("invitation", id);

    public static AuditTarget Report(long id) => new("report", id);

    public static AuditTarget Announcement(long id) => new("announcement", id);

    public static AuditTarget InboxConversation(long id) => new("inbox_conversation", id);

    public static AuditTarget EmailDomainBlock(long id) => new("email_domain_block", id);

    public static AuditTarget SignUpIpRule(long id) => new("signup_ip_rule", id);

    /// <summary>A group: every group moderation action names its group this way, so /admin/audit and the group's own
    /// log find them by target (ADR 74); the member or post acted on is in the summary and the values.</summary>
    public static AuditTarget Group(long id) => new(GroupKind, id);

    public const string GroupKind = "group";
}
