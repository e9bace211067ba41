namespace Kindred.Server.Mastodon.Models;

/// <summary>The V1::Filter entity (Mastodon docs: entities/V1_Filter): one keyword of a filter, with its filter's
/// contexts and expiry; <c>irreversible</c> is the "hide" action.</summary>
public sealed record MastodonV1Filter(string Id, string Phrase, IReadOnlyList<string> Context, string? ExpiresAt, bool Irreversible, bool WholeWord);
