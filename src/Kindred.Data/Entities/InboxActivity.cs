namespace Kindred.Data.Entities;

/// <summary>
/// An activity another server delivered to an inbox, stored as received once its signature checked out (ADR 96).
/// The activity id is unique, so a redelivery of the same activity is answered but stored once.
/// </summary>
public class InboxActivity
{
    public long Id { get; set; }
    public required string ActivityId { get; set; }
    public required string Type { get; set; }

    /// <summary>The actor whose key signed the request (and who the activity says it is from).</summary>
    public required string Actor { get; set; }

    /// <summary>The local inbox it came to: a username, "groups/{slug}", or null for the shared inbox.</summary>
    public string? Recipient { get; set; }
    public required string Body { get; set; }
    public DateTime ReceivedAt { get; set; }
}
