namespace Kindred.Bench.Running;

/// <summary>What the <c>kill -9</c> rounds found: acknowledged writes (statuses, favourites, group joins and leaves), those
/// refused or cut off, and every lost write, integrity error or count drift as a problem. Its measurement's rps is
/// acknowledged writes per second of writing time.</summary>
public sealed record DurabilityOutcome(int Rounds, long Acknowledged, int Statuses, int Favourites, long Unacknowledged, IReadOnlyList<string> Problems, Measurement Measurement);
