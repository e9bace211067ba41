namespace Kindred.Data.Entities;

/// <summary>
/// "I feel unsafe" in an aid conversation: safeguarding leads are alerted with the conversation, which stays paused
/// until one of them reviews it.
/// </summary>
public class AidEscalation
{
    public long Id { get; set; }
    public long ResponseId { get; set; }
    public long RaisedById { get; set; }
    public string Reason { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public long? ReviewedById { get; set; }
    public DateTime? ReviewedAt { get; set; }
    /// <summary>Whether the conversation may go on after the review (false: it stays closed).</summary>
    public bool? Resumed { get; set; }
    public string ReviewNote { get; set; } = "";
}
