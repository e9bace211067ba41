namespace Kindred.Core.Statuses;

/// <summary>The payload of a <see cref="ScheduledStatusJob"/>: which scheduled post to publish.</summary>
public sealed record ScheduledPublish(long ScheduledStatusId);
