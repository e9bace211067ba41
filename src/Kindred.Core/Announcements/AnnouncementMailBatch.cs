namespace Kindred.Core.Announcements;

/// <summary>The payload of one <see cref="AnnouncementMailJob"/>: the next members of the audience after
/// <paramref name="After"/> (an account id; 0 for the first batch).</summary>
public sealed record AnnouncementMailBatch(long AnnouncementId, AnnouncementAudience Audience, long After);
