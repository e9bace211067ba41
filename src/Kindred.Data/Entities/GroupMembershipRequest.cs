namespace Kindred.Data.Entities;

/// <summary>A request to join a group with approval, waiting in its admins' queue.</summary>
public class GroupMembershipRequest
{
    public long Id { get; set; }
    public long GroupId { get; set; }
    public long AccountId { get; set; }

    /// <summary>The answers to the group's questions, in the questions' order; empty strings for unanswered ones.</summary>
    public string Answer1 { get; set; } = "";
    public string Answer2 { get; set; } = "";
    public string Answer3 { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
