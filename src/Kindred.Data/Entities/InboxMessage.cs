namespace Kindred.Data.Entities;

/// <summary>A status that belongs to an inbox conversation: the member's messages and the organization's answers. A
/// reply to any of them joins the same conversation (ADR 66).</summary>
public class InboxMessage
{
    public long StatusId { get; set; }
    public long ConversationId { get; set; }
    public bool FromOrganization { get; set; }
    public DateTime CreatedAt { get; set; }
}
