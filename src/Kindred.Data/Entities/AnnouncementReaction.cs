namespace Kindred.Data.Entities;

/// <summary>One member's emoji reaction to an announcement; a member may add several different ones.</summary>
public class AnnouncementReaction
{
    public long AnnouncementId { get; set; }
    public long AccountId { get; set; }

    /// <summary>The emoji itself (one Unicode emoji, possibly several code points).</summary>
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
