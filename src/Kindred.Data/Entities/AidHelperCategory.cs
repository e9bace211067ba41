namespace Kindred.Data.Entities;

/// <summary>
/// A member's opt-in to hear of requests in a category within a distance of their coarse home area; matching notifies
/// only people who opted in.
/// </summary>
public class AidHelperCategory
{
    public long AccountId { get; set; }
    public long CategoryId { get; set; }
    public int RadiusKm { get; set; }
    public DateTime CreatedAt { get; set; }
}
