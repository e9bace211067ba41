namespace Kindred.Data.Entities;

/// <summary>An account named in a status. Mentions also grant reading of private and direct statuses.</summary>
public class StatusMention
{
    public long StatusId { get; set; }
    public long AccountId { get; set; }
}
