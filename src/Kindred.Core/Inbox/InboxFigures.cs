namespace Kindred.Core.Inbox;

/// <summary>The inbox's response-time figures: how many conversations wait, since when the oldest, and the weeks.</summary>
public sealed record InboxFigures(int Open, DateTime? OldestWaiting, IReadOnlyList<InboxWeek> Weeks);
