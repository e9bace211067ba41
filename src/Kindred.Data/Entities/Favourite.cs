namespace Kindred.Data.Entities;

/// <summary><see cref="AccountId"/> favourited <see cref="StatusId"/>. The id orders the account's favourites list.</summary>
public class Favourite
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long StatusId { get; set; }
    public DateTime CreatedAt { get; set; }
}
