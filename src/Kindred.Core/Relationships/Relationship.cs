namespace Kindred.Core.Relationships;

/// <summary>How the viewer and one other account stand towards each other, from the viewer's side.</summary>
public sealed record Relationship(
    long AccountId,
    bool Following,
    bool ShowingReblogs,
    bool Notifying,
    bool FollowedBy,
    bool Blocking,
    bool BlockedBy,
    bool Muting,
    bool MutingNotifications,
    DateTime? MuteExpiresAt,
    bool Requested,
    bool RequestedBy,
    bool DomainBlocking = false,
    bool Endorsed = false,
    string Note = "");
