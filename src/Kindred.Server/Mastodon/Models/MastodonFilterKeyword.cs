namespace Kindred.Server.Mastodon.Models;

/// <summary>The FilterKeyword entity (Mastodon docs: entities/FilterKeyword).</summary>
public sealed record MastodonFilterKeyword(string Id, string Keyword, bool WholeWord);
