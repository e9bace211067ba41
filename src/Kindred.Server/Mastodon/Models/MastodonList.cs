namespace Kindred.Server.Mastodon.Models;

/// <summary>The List entity (Mastodon docs: entities/List).</summary>
public sealed record MastodonList(string Id, string Title, string RepliesPolicy, bool Exclusive);
