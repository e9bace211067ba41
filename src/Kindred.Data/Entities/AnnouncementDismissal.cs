namespace Kindred.Data.Entities;

/// <summary>A member has read (dismissed) an announcement: its banner no longer shows for them.</summary>
public class AnnouncementDismissal
{
    public long AnnouncementId { get; set; }
    public long AccountId { get; set; }
    public DateTime CreatedAt { get; set; }
}
