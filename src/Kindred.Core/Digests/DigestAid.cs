namespace Kindred.Core.Digests;

/// <summary>
/// An open request for help near the recipient. A sensitive request carries no title (<paramref name="Title"/> is null):
/// a mail leaves the server, so it names only the category and the area, and the link leads to the item page, where the
/// rule is checked again (ADR 31).
/// </summary>
public sealed record DigestAid(long Id, string CategorySlug, string? CategoryName, string? Title, string? AreaName, double? DistanceKm);
