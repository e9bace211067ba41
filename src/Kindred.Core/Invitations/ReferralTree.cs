namespace Kindred.Core.Invitations;

/// <summary>A page of the referral tree: the people at its top (or one person's branch) and how many tops there are.</summary>
public sealed record ReferralTree(IReadOnlyList<ReferralNode> Roots, int RootCount, int Offset, int Limit, int Depth);
