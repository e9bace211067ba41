namespace Kindred.Data.Entities;

/// <summary>One account's side of a <see cref="Conversation"/>.</summary>
public class ConversationParticipant
{
    public long ConversationId { get; set; }
    public long AccountId { get; set; }

    /// <summary>The newest status of the conversation addressed to (or written by) this account; orders and pages
    /// the account's conversation list, as Mastodon pages by last status.</summary>
    public long LastStatusId { get; set; }
    public bool Unread { get; set; }

    /// <summary>Removed from the account's list until a new message arrives.</summary>
    public bool Hidden { get; set; }
}
