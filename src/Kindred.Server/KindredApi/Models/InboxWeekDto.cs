namespace Kindred.Server.KindredApi.Models;

/// <summary>One week of inbox figures: conversations begun, answered, and the median and 90th percentile of the time
/// to the first answer in seconds (null when none was answered).</summary>
public sealed record InboxWeekDto(string Week, int Opened, int Answered, long? MedianSeconds, long? Percentile90Seconds);
