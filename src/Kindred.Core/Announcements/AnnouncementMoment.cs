namespace Kindred.Core.Announcements;

/// <summary>The payload of one <see cref="AnnouncementStreamJob"/>: the start or end <paramref name="At"/> of an
/// announcement, as it was when the job was queued.</summary>
public sealed record AnnouncementMoment(long AnnouncementId, DateTime At);
