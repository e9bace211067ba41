using System.Collections.Concurrent;

namespace Kindred.Core.Timelines;

/// <summary>
/// When each member's feed was last trimmed to <see cref="HomeFeed.MaxEntries"/>, so that reading the newest page
/// trims it at most once every <see cref="Interval"/> (ADR 39): trimming is two queries, and at scale L most feeds sit
/// at the cap, so trimming on every read cost two round trips per page for nothing. A feed grows past the cap by at
/// most what its follows post in that time.
/// </summary>
public sealed class HomeFeedTrims(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<long, DateTimeOffset> lastTrimmed = new();
    private long lastSweepTicks;

    /// <summary>True, and noted, when <paramref name="accountId"/>'s feed was not trimmed within <see cref="Interval"/>.</summary>
    public bool ShouldTrim(long accountId)
    {
        var now = time.GetUtcNow();
        if (lastTrimmed.TryGetValue(accountId, out var last) && now - last < Interval)
        {
            return false;
        }
        lastTrimmed[accountId] = now;
        // One entry per member who read their home timeline; stale ones are dropped, at most once per interval (a sweep
        // walks every entry, and a busy server may stay above the bound), so it stays bounded.
        var lastSweep = Interlocked.Read(ref lastSweepTicks);
        if (lastTrimmed.Count > 100_000 && now.UtcTicks - lastSweep >= Interval.Ticks
            && Interlocked.CompareExchange(ref lastSweepTicks, now.UtcTicks, lastSweep) == lastSweep)
        {
            foreach (var (id, at) in lastTrimmed)
            {
                if (now - at >= Interval)
                {
                    lastTrimmed.TryRemove(id, out _);
                }
            }
        }
        return true;
    }
}
