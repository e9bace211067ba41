namespace Kindred.Data.Entities;

/// <summary>
/// One reminder (or follow-up) claimed for one person and occurrence. The primary key makes "never twice" a constraint:
/// the job inserts the row before sending, and a second insert fails.
/// </summary>
public class EventReminderSend
{
    public long EventId { get; set; }
    public DateTime OccurrenceStartsAt { get; set; }
    public long AccountId { get; set; }
    /// <summary>"day", "hour" or "followup".</summary>
    public required string Kind { get; set; }
    public DateTime ClaimedAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>
    /// Times the mail was tried: 0 when no mail goes out (skipped, or no confirmed address); a row with attempts left
    /// and no <see cref="SentAt"/> is a refused mail that a later run tries again (one attempt per guarded increment).
    /// </summary>
    public int MailAttempts { get; set; }
    /// <summary>When the mail was last tried; a retry waits a while after it, so a send still under way is never taken
    /// for a refused one.</summary>
    public DateTime? MailTriedAt { get; set; }
}
