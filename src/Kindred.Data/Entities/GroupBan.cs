namespace Kindred.Data.Entities;

/// <summary>Someone a group's moderators removed and keep out: they can neither rejoin nor read its non-public posts.</summary>
public class GroupBan
{
    public long GroupId { get; set; }
    public long AccountId { get; set; }
    public long? BannedById { get; set; }
    public string Reason { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
