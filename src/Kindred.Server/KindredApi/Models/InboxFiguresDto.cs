namespace Kindred.Server.KindredApi.Models;

/// <summary>The inbox's response-time figures; times to first reply are in seconds, weeks start on Monday in the
/// organization's time zone.</summary>
public sealed record InboxFiguresDto(int Open, DateTime? OldestWaiting, IReadOnlyList<InboxWeekDto> Weeks);
