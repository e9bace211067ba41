namespace Kindred.Data.Entities;

/// <summary>
/// What is left of a deleted account's answer to an event (ADR 70): which occurrence, the answer and whether they were
/// checked in, so answers, attendance and fill rates stay right; nobody can tell whose it was.
/// </summary>
public class ErasedEventAnswer
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public DateTime OccurrenceStartsAt { get; set; }
    public RsvpResponse Response { get; set; }
    public DateTime? CheckedInAt { get; set; }
}
