namespace Kindred.Server.KindredApi.Models;

/// <summary>An attendee's answer to one of the event's questions.</summary>
public sealed record KindredAnswer(string Question, string Answer);
