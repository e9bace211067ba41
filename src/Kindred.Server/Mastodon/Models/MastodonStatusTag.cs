namespace Kindred.Server.Mastodon.Models;

/// <summary>Status::Tag (Mastodon docs: entities/Status#Tag): the tag's name and its page.</summary>
public sealed record MastodonStatusTag(string Name, string Url);
