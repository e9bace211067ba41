namespace Kindred.Core.Announcements;

/// <summary>One emoji on an announcement: how many members chose it, and whether the reader did.</summary>
public sealed record AnnouncementReactionCount(string Name, int Count, bool Me);
