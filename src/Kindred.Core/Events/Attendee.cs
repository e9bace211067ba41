using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>One person on an occurrence's attendee list, for the people managing the event.</summary>
/// <param name="Answers">Answers to the event's questions, in the questions' order.</param>
public sealed record Attendee(
    long AccountId,
    string Username,
    string DisplayName,
    RsvpResponse Response,
    IReadOnlyList<string> Answers,
    DateTime AnsweredAt,
    DateTime? CheckedInAt);
