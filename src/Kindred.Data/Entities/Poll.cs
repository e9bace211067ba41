namespace Kindred.Data.Entities;

/// <summary>
/// The poll of a status (at most one). Vote counts are not stored: they are counted from <see cref="PollVote"/> rows,
/// so they can never drift from the votes themselves. <see cref="ClosedNotifiedAt"/> is the durable marker of the
/// expiry job: set exactly once, in the same transaction that adds the "poll" notifications.
/// </summary>
public class Poll
{
    public long Id { get; set; }
    public long StatusId { get; set; }

    /// <summary>The author of the status, kept here so voting and notifying need not load the status.</summary>
    public long AccountId { get; set; }
    public DateTime ExpiresAt { get; set; }
    public bool Multiple { get; set; }

    /// <summary>Counts stay hidden from voters until the poll closes (the author always sees them).</summary>
    public bool HideTotals { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the closing was announced to the author and voters; null while that is still to do.</summary>
    public DateTime? ClosedNotifiedAt { get; set; }

    public List<PollOption> Options { get; set; } = [];
}
