namespace Kindred.Core.Digests;

/// <summary>
/// An open request for help near the recipient. A mail leaves the server and may be read by whoever shares the
/// recipient's mailbox, so it carries no distance at all and, for a sensitive request, only the category: no title and
/// no area (<paramref name="Title"/> and <paramref name="AreaName"/> are null). The link leads to the item page, where
/// the rule is checked again (ADR 31, 47).
/// </summary>
public sealed record DigestAid(long Id, string CategorySlug, string? CategoryName, string? Title, string? AreaName);
