namespace Kindred.Core.Common;

/// <summary>
/// How far something is, as others may be told it (ADR 43): one of a few coarse bands, never a number of kilometres.
/// Bands are measured between the centres of <see cref="CoarseLocation"/> cells, so no viewer, wherever they stand,
/// learns more than which cell a place lies in.
/// </summary>
/// <param name="Index">0 for the nearest band, <see cref="EdgesKm"/>.Length for "farther".</param>
public readonly record struct DistanceBand(int Index)
{
    /// <summary>The upper edges of the bands in km: under 5, 5–15, 15–50, 50–150, farther.</summary>
    public static readonly IReadOnlyList<int> EdgesKm = [5, 15, 50, 150];

    /// <summary>The band beyond the last edge.</summary>
    public static DistanceBand Farther => new(EdgesKm.Count);

    /// <summary>The band a distance falls in; a distance on an edge belongs to the nearer band.</summary>
    public static DistanceBand Of(double km)
    {
        for (var i = 0; i < EdgesKm.Count; i++)
        {
            if (km <= EdgesKm[i])
            {
                return new DistanceBand(i);
            }
        }
        return Farther;
    }

    /// <summary>
    /// The band a radius filter really uses: the nearest band whose upper edge reaches the radius asked for, so a radius
    /// of 7 km finds exactly what a radius of 15 km finds and binary-searching the radius yields only a band.
    /// </summary>
    public static DistanceBand ForRadius(double radiusKm) => Of(radiusKm);

    /// <summary>The upper edge in km, or null for "farther".</summary>
    public int? UpperKm => Index < EdgesKm.Count ? EdgesKm[Index] : null;

    /// <summary>The lower edge in km (0 for the nearest band).</summary>
    public int LowerKm => Index == 0 ? 0 : EdgesKm[Index - 1];

    /// <summary>The wire name: "under_5", "5_15", "15_50", "50_150" or "farther".</summary>
    public string Name => Index == 0 ? $"under_{EdgesKm[0]}" : UpperKm is { } upper ? $"{LowerKm}_{upper}" : "farther";

    /// <summary>Whether this band lies within <paramref name="radius"/>'s band (what a radius filter keeps).</summary>
    public bool Within(DistanceBand radius) => Index <= radius.Index;
}
