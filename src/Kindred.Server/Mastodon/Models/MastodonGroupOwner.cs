namespace Kindred.Server.Mastodon.Models;

/// <summary>The group's owner, by account id (Truth Social's shape).</summary>
public sealed record MastodonGroupOwner(string Id);
