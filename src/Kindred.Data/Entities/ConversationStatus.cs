namespace Kindred.Data.Entities;

/// <summary>Direct status <see cref="StatusId"/> belongs to conversation <see cref="ConversationId"/> (one at most).</summary>
public class ConversationStatus
{
    public long StatusId { get; set; }
    public long ConversationId { get; set; }
}
