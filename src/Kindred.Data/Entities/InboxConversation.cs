namespace Kindred.Data.Entities;

/// <summary>
/// One conversation between a member and the organization in the staff "needs reply" inbox (ADR 66): a mention of
/// the organization's account, a reply to its post, a direct message to it or a post in a group it runs, with the
/// replies that follow in the same thread. Written when the status is written, so reading the inbox scans no posts.
/// </summary>
public class InboxConversation
{
    public long Id { get; set; }

    /// <summary>The member who wrote first.</summary>
    public long AccountId { get; set; }

    /// <summary>The status that opened the conversation.</summary>
    public long FirstStatusId { get; set; }

    /// <summary>mention, reply, direct or group: why it reached the inbox.</summary>
    public string Kind { get; set; } = "";
    public InboxState State { get; set; }

    /// <summary>When the first message arrived: the start of the time to first reply.</summary>
    public DateTime OpenedAt { get; set; }

    /// <summary>The oldest message not answered yet; "waiting longest" sorts by it.</summary>
    public DateTime WaitingSince { get; set; }
    public DateTime LastMessageAt { get; set; }

    /// <summary>The newest status of the thread, which an answer replies to.</summary>
    public long LastStatusId { get; set; }
    public DateTime? SnoozedUntil { get; set; }
    public long? AssignedToId { get; set; }
    public DateTime? FirstAnsweredAt { get; set; }

    /// <summary>The staff member who holds the reply box ("X is replying") until <see cref="ReplyingUntil"/>.</summary>
    public long? ReplyingId { get; set; }
    public DateTime? ReplyingUntil { get; set; }
}
