using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// A member's answer for one occurrence: going, maybe or not going (<see cref="RsvpResponse.Waitlisted"/> is never asked
/// for; it is what "going" becomes when the occurrence is full). A null <see cref="OccurrenceStartsAt"/> means the next
/// occurrence that has not ended.
/// </summary>
public sealed record RsvpRequest(RsvpResponse Response, DateTimeOffset? OccurrenceStartsAt = null, IReadOnlyList<string>? Answers = null);
