namespace Kindred.Data.Entities;

/// <summary><see cref="AccountId"/> bookmarked <see cref="StatusId"/>. The id orders the account's bookmarks list.</summary>
public class Bookmark
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long StatusId { get; set; }
    public DateTime CreatedAt { get; set; }
}
