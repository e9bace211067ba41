namespace Kindred.Server.Mastodon.Models;

/// <summary>Tag::History (Mastodon docs: entities/Tag#history): uses of a tag (or a trending link) on one day, all numbers as strings.</summary>
public sealed record MastodonTagHistory(string Day, string Uses, string Accounts);
