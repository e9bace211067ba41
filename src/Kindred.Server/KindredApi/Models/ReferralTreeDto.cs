namespace Kindred.Server.KindredApi.Models;

/// <summary>A page of the referral tree: the people at its top (or one branch), how many tops there are, the depth shown.</summary>
public sealed record ReferralTreeDto(IReadOnlyList<ReferralDto> Roots, int RootCount, int Offset, int Limit, int Depth);
