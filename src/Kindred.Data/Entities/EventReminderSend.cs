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
}
