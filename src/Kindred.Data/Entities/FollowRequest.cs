namespace Kindred.Data.Entities;

/// <summary>A follow that waits for a locked account to approve it; approval turns it into a <see cref="Follow"/> with the same options.</summary>
public class FollowRequest
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long TargetAccountId { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool ShowReblogs { get; set; } = true;
    public bool Notify { get; set; }
}
