namespace Kindred.Core.Announcements;

/// <summary>What staff write: Markdown text and, optionally, when it shows (UTC). With <paramref name="AllDay"/> both
/// ends are whole days, and the caller has already turned them into the start of the first and the end of the last.</summary>
public sealed record AnnouncementInput(string? Text, DateTime? StartsAt, DateTime? EndsAt, bool AllDay);
