namespace Kindred.Core.Timelines;

/// <summary>The payload of a <see cref="HomeFeedFanOutJob"/>: the status whose followers' feeds are still to be written.</summary>
public sealed record HomeFeedFanOut(long StatusId);
