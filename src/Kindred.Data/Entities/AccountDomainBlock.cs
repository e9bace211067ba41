namespace Kindred.Data.Entities;

/// <summary>A member's own block of a whole remote server (Mastodon's user domain block), not the instance's.</summary>
public class AccountDomainBlock
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    /// <summary>Lower case, without scheme or path (e.g. "example.social").</summary>
    public string Domain { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
