namespace Kindred.Server.KindredApi.Models;

/// <summary>One occurrence of an event in a window, with its places and the caller's answer.</summary>
public sealed record KindredOccurrence(string StartTime, string EndTime, int GoingCount, int WaitlistCount, string? MyResponse);
