namespace Kindred.Server.Mastodon.Models;

/// <summary>Status::Mention (Mastodon docs: entities/Status#Mention).</summary>
public sealed record MastodonMention(string Id, string Username, string Url, string Acct);
