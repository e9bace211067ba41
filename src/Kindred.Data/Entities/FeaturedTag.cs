namespace Kindred.Data.Entities;

/// <summary>A hashtag a member features on their profile (Mastodon's featured tags); its counts are computed per viewer.</summary>
public class FeaturedTag
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long TagId { get; set; }
    public Tag Tag { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
}
