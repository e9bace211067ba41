namespace Kindred.Data.Entities;

/// <summary><see cref="AccountId"/> is in list <see cref="ListId"/>. The id orders the list's members for paging.</summary>
public class AccountListMember
{
    public long Id { get; set; }
    public long ListId { get; set; }
    public long AccountId { get; set; }
    public DateTime CreatedAt { get; set; }
}
