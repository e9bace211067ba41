using Kindred.Data.Entities;

namespace Kindred.Core.Groups;

/// <summary>A group as the directory lists it, with why it may interest the viewer.</summary>
/// <param name="Group">The group with its tags.</param>
/// <param name="DistanceKm">From the point searched around (or the viewer's home area for suggestions); null without one.</param>
/// <param name="SharedInterests">The group's tags (as displayed) that are also among the viewer's profile interests.</param>
public sealed record GroupDirectoryEntry(Group Group, double? DistanceKm, IReadOnlyList<string> SharedInterests);
