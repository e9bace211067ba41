namespace Kindred.Core.Common;

/// <summary>
/// What staff look for in the people list (ADR 59), and a segment of members to e-mail an announcement to (ADR 76).
/// Every part is optional; <see cref="PeopleSegment"/> checks the limits and says which part is wrong. Dates are UTC
/// instants; "to" bounds are exclusive. It is in Common because both Staff and Announcements read it (ADR 52).
/// </summary>
/// <param name="Tag">A current staff tag, any case.</param>
/// <param name="Group">The slug of a group or chapter the member belongs to (one the viewer may see).</param>
/// <param name="Area">The member's home area, any case (never matches a member who keeps the area to themselves).</param>
/// <param name="LapsedDays">Active before, but not in the last N days.</param>
/// <param name="NeverEngaged">Joined, then never posted, favourited, answered an event, asked for or offered help,
/// answered a request or offer, or joined a group by themselves.</param>
/// <param name="MaxId">Keyset paging: members with a smaller id (joined earlier) than this.</param>
public sealed record PeopleFilter(
    string? Tag = null,
    string? Group = null,
    string? Area = null,
    DateTime? JoinedFrom = null,
    DateTime? JoinedTo = null,
    DateTime? ActiveFrom = null,
    DateTime? ActiveTo = null,
    int? LapsedDays = null,
    bool NeverEngaged = false,
    long? MaxId = null,
    int Limit = PeopleFilter.DefaultLimit)
{
    /// <summary>People on one page of the list unless asked otherwise.</summary>
    public const int DefaultLimit = 50;
}
