namespace Kindred.Data.Entities;

/// <summary>The member accepted the notification request of <see cref="FromAccountId"/>: their notifications pass the
/// member's <see cref="NotificationPolicy"/> from now on (ADR 79).</summary>
public class NotificationPermission
{
    public long AccountId { get; set; }
    public long FromAccountId { get; set; }
    public DateTime CreatedAt { get; set; }
}
