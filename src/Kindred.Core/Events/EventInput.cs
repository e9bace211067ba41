using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// What an organizer writes. On create, <see cref="Title"/>, the times and the time zone are required and nulls take
/// defaults; on update, a null leaves the value as it is.
/// </summary>
public sealed record EventInput
{
    public string? Title { get; init; }
    public string? Description { get; init; }

    /// <summary>The first occurrence's start (an instant; the web form builds it from a local time and the time zone).</summary>
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>An IANA time zone id; recurring events repeat at the same local time in it.</summary>
    public string? TimeZone { get; init; }

    /// <summary>An RFC 5545 RRULE value without the "RRULE:" prefix; an empty string makes the event one-off.</summary>
    public string? Recurrence { get; init; }
    public EventMode? Mode { get; init; }
    public string? PlaceName { get; init; }
    public string? Address { get; init; }
    public string? AreaName { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? OnlineUrl { get; init; }

    /// <summary>Places per occurrence; 0 removes the limit.</summary>
    public int? Capacity { get; init; }
    public EventVisibility? Visibility { get; init; }
    public long? GroupId { get; init; }

    /// <summary>Questions for attendees; replaces all of them when given.</summary>
    public IReadOnlyList<string>? Questions { get; init; }

    /// <summary>
    /// This server's address, for the link in the announcement post (callers pass PublicUrls.Base); when null the
    /// configured Kindred:PublicUrl is used.
    /// </summary>
    public string? BaseUrl { get; init; }
}
