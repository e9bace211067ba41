namespace Kindred.Data.Entities;

/// <summary><see cref="AccountId"/> blocks <see cref="TargetAccountId"/>: neither sees the other, neither may follow the other.</summary>
public class Block
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long TargetAccountId { get; set; }
    public DateTime CreatedAt { get; set; }
}
