namespace Kindred.Server.KindredApi.Models;

/// <summary>Kindred's settings of a group that the Truth Social shape has no key for (ADR 21).</summary>
public sealed class KindredGroup
{
    /// <summary>"public", "members_only" or "secret".</summary>
    public required string Visibility { get; init; }

    /// <summary>"open", "approval" or "invite_only".</summary>
    public required string JoinPolicy { get; init; }

    /// <summary>"interest", "place" or "both".</summary>
    public required string Kind { get; init; }
    public required string Rules { get; init; }
    public required string RulesHtml { get; init; }
    public required IReadOnlyList<string> Questions { get; init; }
    public string? AreaName { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public int? RadiusKm { get; init; }
    public string? ParentId { get; init; }
    public bool SurfaceInParent { get; init; }
    public string? LastStatusAt { get; init; }
}
