namespace Kindred.Core.Digests;

/// <summary>A post as a digest lists it: enough to write one line and a link, nothing more.</summary>
/// <param name="Excerpt">Plain text, cut short; for a post with a content warning, the warning only.</param>
/// <param name="HasWarning">The excerpt is a content warning, not the post's text.</param>
/// <param name="GroupName">The group the post went into, when it did (the recipient may read the group).</param>
public sealed record DigestPost(long Id, string AuthorUsername, string AuthorName, string Excerpt, bool HasWarning, string? GroupName, string? GroupSlug);
