using Kindred.Server.KindredApi.Models;
namespace Kindred.Server.Mastodon.Models;

/// <summary>Suggestion (Mastodon docs: entities/Suggestion): someone to follow, Mastodon's closed list of sources, and
/// Kindred's own reasons under "kindred" (ADR 22).</summary>
public sealed class MastodonSuggestion
{
    /// <summary>The deprecated single source Mastodon 3.4–4.2 clients read: "past_interactions" or "global".</summary>
    public required string Source { get; init; }

    /// <summary>"friends_of_friends" (shared groups, follows) and/or "similar_to_recently_followed" (interests, area).</summary>
    public required IReadOnlyList<string> Sources { get; init; }
    public required MastodonAccount Account { get; init; }
    public required KindredSuggestion Kindred { get; init; }
}
