namespace Kindred.Core.Events;

/// <summary>An occurrence's attendee list: going, then maybe, then the waiting list in the order it is served.</summary>
public sealed record AttendeeList(EventView Event, IReadOnlyList<Attendee> Attendees);
