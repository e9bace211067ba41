namespace Kindred.Data.Entities;

/// <summary>A member follows a hashtag (Mastodon's followed tags): public posts with it enter their home feed.</summary>
public class TagFollow
{
    /// <summary>Snowflake, so the followed-tags list pages newest first by it.</summary>
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long TagId { get; set; }
    public Tag Tag { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
}
