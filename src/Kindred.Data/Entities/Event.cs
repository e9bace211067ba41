namespace Kindred.Data.Entities;

/// <summary>
/// A gathering (ADR 28), by the organization, a group's admins or a member. Times are stored in UTC with the IANA time
/// zone they were planned in, so a weekly event stays at 19:00 local time across a daylight-saving change. The exact
/// address and the online link are for attendees only; everyone else sees the coarse area.
/// </summary>
public class Event
{
    public long Id { get; set; }
    public long OrganizerId { get; set; }
    public long? GroupId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public string DescriptionHtml { get; set; } = "";
    /// <summary>The first occurrence's start, UTC.</summary>
    public DateTime StartsAt { get; set; }
    /// <summary>The first occurrence's end, UTC; later occurrences last as long.</summary>
    public DateTime EndsAt { get; set; }
    /// <summary>An IANA time zone id (e.g. Europe/London).</summary>
    public required string TimeZone { get; set; }
    /// <summary>An RFC 5545 RRULE value (e.g. FREQ=WEEKLY;BYDAY=TU) or null for a one-off event.</summary>
    public string? Recurrence { get; set; }
    /// <summary>Occurrences taken out of the series: their local start times as ISO 8601 (yyyy-MM-ddTHH:mm), comma-separated.</summary>
    public string? RecurrenceExceptions { get; set; }
    public EventMode Mode { get; set; }
    /// <summary>"Community hall", shown to everyone who may see the event.</summary>
    public string? PlaceName { get; set; }
    /// <summary>The street address: attendees and organizers only.</summary>
    public string? Address { get; set; }
    public string? AreaName { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>The link for online events: attendees and organizers only.</summary>
    public string? OnlineUrl { get; set; }
    /// <summary>Places per occurrence; null means no limit.</summary>
    public int? Capacity { get; set; }
    public EventVisibility Visibility { get; set; }
    /// <summary>The announcement post; replies to it are the event's discussion, and plain Mastodon clients read it as a post.</summary>
    public long? StatusId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public List<EventQuestion> Questions { get; set; } = [];
}
