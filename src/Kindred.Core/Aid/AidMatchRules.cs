using System.Numerics;

namespace Kindred.Core.Aid;

/// <summary>
/// The pure parts of matching (ADR 31): availability overlap, date windows and the score, so unit tests pin them down
/// without a database. Candidates are ordered by score (highest first), then distance (nearest first, unknown last), then
/// id, so the same data always gives the same order on both databases.
/// </summary>
public static class AidMatchRules
{
    /// <summary>A mask of 0 means "any time": all 21 slots.</summary>
    public static int Slots(int mask) => mask == 0 ? AidRules.FullAvailability : mask & AidRules.FullAvailability;

    /// <summary>How many of the 21 weekly slots both masks share.</summary>
    public static int Overlap(int a, int b) => BitOperations.PopCount((uint)(Slots(a) & Slots(b)));

    /// <summary>The share (0–1) of the request's slots the other side covers.</summary>
    public static double OverlapShare(int requestMask, int otherMask) =>
        (double)Overlap(requestMask, otherMask) / BitOperations.PopCount((uint)Slots(requestMask));

    /// <summary>Whether two date windows (null ends are open) share at least one day.</summary>
    public static bool WindowsOverlap(DateOnly? start1, DateOnly? end1, DateOnly? start2, DateOnly? end2) =>
        (start1 ?? DateOnly.MinValue) <= (end2 ?? DateOnly.MaxValue) && (start2 ?? DateOnly.MinValue) <= (end1 ?? DateOnly.MaxValue);

    /// <summary>
    /// A request's candidate: the availability share, plus 1 for someone who posted an offer (they asked to be found),
    /// plus 0.5 for a current vetted helper. Rounded so floating-point noise never reorders equal candidates.
    /// </summary>
    public static double Score(double overlapShare, bool isOffer, bool vetted) =>
        Math.Round(overlapShare + (isOffer ? 1 : 0) + (vetted ? 0.5 : 0), 3);

    /// <summary>An offer's candidate request: the availability share plus a quarter per urgency step above low.</summary>
    public static double RequestScore(double overlapShare, int urgency) => Math.Round(overlapShare + (0.25 * Math.Max(0, urgency)), 3);

    /// <summary>The deterministic order: score descending, distance ascending (unknown last), then id ascending.</summary>
    public static IEnumerable<T> Order<T>(IEnumerable<T> candidates, Func<T, double> score, Func<T, double?> distance, Func<T, long> id) =>
        candidates.OrderByDescending(score).ThenBy(c => distance(c) ?? double.MaxValue).ThenBy(id);
}
