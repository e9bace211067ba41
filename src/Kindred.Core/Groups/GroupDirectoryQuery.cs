using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Groups;

/// <summary>
/// What someone looks for in the group directory. Every part is optional; <see cref="GroupDirectory"/> checks the
/// limits and says which part is wrong.
/// </summary>
/// <param name="Text">Words to find in a group's name or description (all of them, accents and case aside).</param>
/// <param name="Tags">Interest tags as typed; a group matches when it has any of them.</param>
/// <param name="Kind">Interest keeps interest groups and groups of both kinds; place keeps place groups and both.</param>
/// <param name="NearMe">Around the viewer's own home area (their profile's coarse point).</param>
/// <param name="Point">Around this point instead; ignored when <paramref name="NearMe"/> is set.</param>
/// <param name="RadiusKm">The search radius around the point; <see cref="GroupDirectory.DefaultRadiusKm"/> when null.</param>
public sealed record GroupDirectoryQuery(
    string? Text = null,
    IReadOnlyList<string>? Tags = null,
    GroupKind? Kind = null,
    bool NearMe = false,
    GeoPoint? Point = null,
    int? RadiusKm = null,
    GroupDirectorySort Sort = GroupDirectorySort.Relevance,
    int Offset = 0,
    int Limit = GroupDirectory.DefaultLimit);
