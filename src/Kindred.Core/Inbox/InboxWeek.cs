namespace Kindred.Core.Inbox;

/// <summary>Times to first reply for the conversations opened in one week (Monday, in the organization's time zone).
/// The times are null in a week where nothing was answered yet.</summary>
public sealed record InboxWeek(DateOnly Monday, int Opened, int Answered, TimeSpan? Median, TimeSpan? Percentile90);
