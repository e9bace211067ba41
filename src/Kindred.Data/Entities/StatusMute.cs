namespace Kindred.Data.Entities;

/// <summary><see cref="AccountId"/> hears no more of the thread that starts at <see cref="StatusId"/> (its root post).</summary>
public class StatusMute
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long StatusId { get; set; }
    public DateTime CreatedAt { get; set; }
}
