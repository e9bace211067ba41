namespace Kindred.Data.Entities;

/// <summary><see cref="AccountId"/> features <see cref="TargetAccountId"/>, an account they follow, on their profile.</summary>
public class Endorsement
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long TargetAccountId { get; set; }
    public DateTime CreatedAt { get; set; }
}
