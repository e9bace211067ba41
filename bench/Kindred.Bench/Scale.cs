namespace Kindred.Bench;

/// <summary>A named community size (issue 6). XS is for smoke runs; L is the size the targets are set for.</summary>
public sealed record Scale(string Name, int Members, int Posts)
{
    public static readonly Scale XS = new("XS", 100, 2_000);
    public static readonly Scale S = new("S", 1_000, 50_000);
    public static readonly Scale M = new("M", 10_000, 500_000);
    public static readonly Scale L = new("L", 100_000, 2_000_000);

    public static IReadOnlyList<Scale> All { get; } = [XS, S, M, L];

    public static Scale Parse(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown scale '{name}'; use one of {string.Join(", ", All.Select(s => s.Name))}.");
}
