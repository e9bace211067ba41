namespace Kindred.Data.Entities;

/// <summary>
/// <see cref="PausedAccountId"/> may not reach <see cref="AccountId"/> (no direct message, mention or follow) because
/// of <see cref="EscalationId"/> (ADR 75). Removed when a lead resolves the escalation.
/// </summary>
public class ContactPause
{
    public long EscalationId { get; set; }
    public long AccountId { get; set; }
    public long PausedAccountId { get; set; }
    public DateTime CreatedAt { get; set; }
}
