namespace Kindred.Data.Entities;

/// <summary>A member's answer for one occurrence of an event.</summary>
public class EventRsvp
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public DateTime OccurrenceStartsAt { get; set; }
    public long AccountId { get; set; }
    public RsvpResponse Response { get; set; }
    /// <summary>Answers to the event's questions, in order; empty strings for unanswered ones.</summary>
    public string Answer1 { get; set; } = "";
    public string Answer2 { get; set; } = "";
    public string Answer3 { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>When the answer last changed; the waiting list is served in this order.</summary>
    public DateTime UpdatedAt { get; set; }
    public DateTime? CheckedInAt { get; set; }
}
