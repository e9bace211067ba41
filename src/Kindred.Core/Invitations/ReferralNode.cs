namespace Kindred.Core.Invitations;

/// <summary>
/// One person in the referral tree: whom they brought directly (<see cref="Children"/>, cut at the requested depth;
/// <see cref="MoreChildren"/> counts those not shown), how many directly and in total, and how active they became.
/// </summary>
public sealed record ReferralNode(
    long AccountId,
    string Username,
    string DisplayName,
    DateTime JoinedAt,
    long? InvitedById,
    int Direct,
    int Total,
    int PostsLast30Days,
    DateTime? LastActiveAt,
    IReadOnlyList<ReferralNode> Children,
    int MoreChildren);
