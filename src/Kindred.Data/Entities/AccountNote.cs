namespace Kindred.Data.Entities;

/// <summary>A private note <see cref="AccountId"/> keeps about <see cref="TargetAccountId"/>; nobody else reads it.</summary>
public class AccountNote
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long TargetAccountId { get; set; }
    public string Comment { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
