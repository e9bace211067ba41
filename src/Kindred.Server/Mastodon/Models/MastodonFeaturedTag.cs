namespace Kindred.Server.Mastodon.Models;

/// <summary>FeaturedTag (Mastodon docs: entities/FeaturedTag): the count as a string and the last use as a date, as
/// Mastodon writes them.</summary>
public sealed record MastodonFeaturedTag(string Id, string Name, string Url, string StatusesCount, string? LastStatusAt);
