namespace Kindred.Server.Mastodon.Models;

/// <summary>The Relationship entity (Mastodon docs: entities/Relationship), every key always present.</summary>
public sealed class MastodonRelationship
{
    public required string Id { get; init; }
    public bool Following { get; init; }
    public bool ShowingReblogs { get; init; }
    public bool Notifying { get; init; }
    /// <summary>Null: every language of the followed account reaches the home feed (Kindred does not filter by language yet).</summary>
    public IReadOnlyList<string>? Languages { get; init; }
    public bool FollowedBy { get; init; }
    public bool Blocking { get; init; }
    public bool BlockedBy { get; init; }
    public bool Muting { get; init; }
    public bool MutingNotifications { get; init; }
    public string? MutingExpiresAt { get; init; }
    public bool Requested { get; init; }
    public bool RequestedBy { get; init; }
    public bool DomainBlocking { get; init; }
    public bool Endorsed { get; init; }
    public string Note { get; init; } = "";
}
