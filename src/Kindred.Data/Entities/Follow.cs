namespace Kindred.Data.Entities;

/// <summary><see cref="AccountId"/> follows <see cref="TargetAccountId"/>. The id orders follower and following lists.</summary>
public class Follow
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long TargetAccountId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Whether the follower's home feed shows the target's boosts.</summary>
    public bool ShowReblogs { get; set; } = true;
    /// <summary>Whether the follower is told about each new post of the target.</summary>
    public bool Notify { get; set; }
}
