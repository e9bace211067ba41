namespace Kindred.Server.Mastodon.Models;

/// <summary>The Rule entity (Mastodon docs: entities/Rule).</summary>
public sealed record MastodonRule(string Id, string Text, string Hint);
