using Kindred.Data.Entities;

namespace Kindred.Core.Groups;

/// <summary>
/// What a group's creator or admin writes. On create, <see cref="Name"/> is required and nulls take defaults; on update,
/// a null leaves the value as it is (clear the area, coordinates or parent with the Clear flags).
/// </summary>
public sealed record GroupInput
{
    public string? Name { get; init; }

    /// <summary>The URL name; derived from the name on create when not given.</summary>
    public string? Slug { get; init; }
    public string? Description { get; init; }
    public string? Rules { get; init; }
    public GroupKind? Kind { get; init; }
    public GroupVisibility? Visibility { get; init; }
    public GroupJoinPolicy? JoinPolicy { get; init; }

    /// <summary>An empty string removes the area name.</summary>
    public string? AreaName { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public int? RadiusKm { get; init; }

    /// <summary>Removes the coordinates and the radius.</summary>
    public bool ClearLocation { get; init; }
    public long? ParentId { get; init; }

    /// <summary>Makes the group a top-level group again.</summary>
    public bool ClearParent { get; init; }
    public bool? SurfaceInParent { get; init; }

    /// <summary>Interest tags; replaces all of them when given.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The questions asked of people who request to join; replaces all of them when given.</summary>
    public IReadOnlyList<string>? Questions { get; init; }

    /// <summary>A new picture, processed like a profile picture (<see cref="Common.ImageRules.Avatar"/>); replaces the old one.</summary>
    public Stream? Avatar { get; init; }

    /// <summary>A new banner, processed like a profile banner (<see cref="Common.ImageRules.Header"/>); replaces the old one.</summary>
    public Stream? Header { get; init; }

    /// <summary>Removes the picture; ignored when a new one is given.</summary>
    public bool RemoveAvatar { get; init; }

    /// <summary>Removes the banner; ignored when a new one is given.</summary>
    public bool RemoveHeader { get; init; }
}
