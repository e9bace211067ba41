namespace Kindred.Server.Mastodon.Models;

/// <summary>
/// Where the caller stands with a group (Truth Social's and Soapbox's GroupRelationship): member, requested, role
/// ("owner", "admin", "moderator" or "user"), and for moderators whether requests wait. Kindred adds <see cref="Banned"/>.
/// </summary>
public sealed class MastodonGroupRelationship
{
    public required string Id { get; init; }
    public bool Member { get; init; }
    public bool Requested { get; init; }
    public string? Role { get; init; }
    public bool BlockedBy { get; init; }
    public bool Banned { get; init; }
    public bool Muting { get; init; }
    public bool? Notifying { get; init; }
    public bool PendingRequests { get; init; }
}
