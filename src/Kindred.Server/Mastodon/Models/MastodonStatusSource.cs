namespace Kindred.Server.Mastodon.Models;

/// <summary>StatusSource (Mastodon docs: entities/StatusSource): what the author typed, for editing.</summary>
public sealed record MastodonStatusSource(string Id, string Text, string SpoilerText);
