namespace Kindred.Data.Entities;

/// <summary>
/// One status in one member's home feed, written when the status is posted (fan-out on write, ADR 12). The feed is an
/// index, not an authorization: every read still goes through the visibility rule.
/// </summary>
public class HomeFeedEntry
{
    public long AccountId { get; set; }
    public long StatusId { get; set; }
}
