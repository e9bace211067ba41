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

    /// <summary>When a member of the conversation deleted their account (ADR 70): their messages are gone, and the
    /// others are told so instead of finding answers missing.</summary>
    public DateTime? MemberDeletedAt { get; set; }
}
