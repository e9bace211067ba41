namespace Kindred.Server.Mastodon.Models;

/// <summary>Tag (Mastodon docs: entities/Tag). History is always empty: Kindred keeps no daily usage counts yet.</summary>
public sealed record MastodonTag(string Id, string Name, string Url, IReadOnlyList<MastodonTagHistory> History);
