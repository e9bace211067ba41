namespace Kindred.Server.Mastodon.Models;

/// <summary>The FilterResult entity (Mastodon docs: entities/FilterResult), one per matching filter in a status's
/// <c>filtered</c>.</summary>
public sealed record MastodonFilterResult(MastodonFilter Filter, IReadOnlyList<string>? KeywordMatches, IReadOnlyList<string>? StatusMatches);
