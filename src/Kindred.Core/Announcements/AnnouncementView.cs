using Kindred.Data.Entities;

namespace Kindred.Core.Announcements;

/// <summary>An announcement as one member sees it: whether they dismissed it and the reactions, theirs marked.</summary>
public sealed record AnnouncementView(Announcement Announcement, bool Read, IReadOnlyList<AnnouncementReactionCount> Reactions);
