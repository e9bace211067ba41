namespace Kindred.Core.Events;

/// <summary>One page of upcoming occurrences, by start; <see cref="HasMore"/> when the next offset has more.</summary>
public sealed record UpcomingPage(IReadOnlyList<EventView> Items, bool HasMore);
