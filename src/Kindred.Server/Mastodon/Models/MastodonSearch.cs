using Kindred.Server.KindredApi.Models;
namespace Kindred.Server.Mastodon.Models;

/// <summary>Search (Mastodon docs: entities/Search). All three lists are always present, empty when not searched.</summary>
public sealed record MastodonSearch(IReadOnlyList<MastodonAccount> Accounts, IReadOnlyList<MastodonStatus> Statuses, IReadOnlyList<MastodonTag> Hashtags)
{
    /// <summary>Kindred extension (ADR 31): open aid requests and offers the searcher may see; empty for anonymous callers and apps.</summary>
    public IReadOnlyList<KindredAidSearchResult> KindredAidItems { get; init; } = [];
}
