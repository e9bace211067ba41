namespace Kindred.Core.Digests;

/// <summary>A newcomer who lives near the recipient and lets members see their area: the area's name, never a distance (ADR 47).</summary>
public sealed record DigestNewMember(string Username, string DisplayName, string? AreaName);
