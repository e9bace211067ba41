namespace Kindred.Data.Entities;

/// <summary>
/// One occurrence of an event that people have answered for, created with the first answer. Its counters are what makes
/// the capacity race-safe: a place is taken by a guarded UPDATE (GoingCount &lt; capacity), never by counting rows.
/// </summary>
public class EventOccurrence
{
    public long EventId { get; set; }
    /// <summary>The occurrence's start, UTC; identifies it within the event.</summary>
    public DateTime StartsAt { get; set; }
    public int GoingCount { get; set; }
    public int WaitlistCount { get; set; }
    /// <summary>When the follow-up prompts for this occurrence went out; set once.</summary>
    public DateTime? FollowUpSentAt { get; set; }
}
