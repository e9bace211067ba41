namespace Kindred.Data.Entities;

/// <summary>A question attendees answer when they say they are going (dietary needs, access, …).</summary>
public class EventQuestion
{
    public long EventId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
}
