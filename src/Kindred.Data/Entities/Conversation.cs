namespace Kindred.Data.Entities;

/// <summary>
/// A private conversation: a thread of direct statuses. Each participant has their own
/// <see cref="ConversationParticipant"/> row (unread, hidden, where it sorts); the statuses are linked by
/// <see cref="ConversationStatus"/>.
/// </summary>
public class Conversation
{
    public long Id { get; set; }
    public DateTime CreatedAt { get; set; }
}
