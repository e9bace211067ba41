namespace Kindred.Core.Digests;

/// <summary>A newcomer who lives near the recipient and lets members see their area.</summary>
public sealed record DigestNewMember(string Username, string DisplayName, string? AreaName, double DistanceKm);
