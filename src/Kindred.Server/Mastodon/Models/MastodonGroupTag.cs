namespace Kindred.Server.Mastodon.Models;

/// <summary>An interest tag of a group: the normalized name, the spelling shown and the tag's page.</summary>
public sealed record MastodonGroupTag(string Name, string Display, string Url);
