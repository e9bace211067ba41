namespace Kindred.Data.Entities;

/// <summary>A member of a group and their role in it.</summary>
public class GroupMembership
{
    public long GroupId { get; set; }
    public long AccountId { get; set; }
    public GroupRole Role { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the member accepted the rules in force when they joined.</summary>
    public DateTime? RulesAcceptedAt { get; set; }

    /// <summary>The invitation that brought them in, when one did.</summary>
    public long? InvitationId { get; set; }
}
