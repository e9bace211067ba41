namespace Kindred.Server.Mastodon.Models;

public sealed class MastodonSource
{
    public required string Note { get; init; }
    public required IReadOnlyList<MastodonField> Fields { get; init; }
    public string Privacy { get; init; } = "public";
    public bool Sensitive { get; init; }
    public string? Language { get; init; }
    public int FollowRequestsCount { get; init; }
    public bool? HideCollections { get; init; }
    public bool? Discoverable { get; init; }
    public bool Indexable { get; init; }
}
