using Microsoft.Extensions.Caching.Memory;

namespace Kindred.Core.Accounts;

/// <summary>
/// Keeps the follower, following and post counts of big accounts (ADR 33). Counting the organization's 90,000
/// followers took 600 ms on every page that showed one of its posts; a count of 1,000 or more is kept, while smaller
/// counts, cheap to make, are counted exactly every time. A kept count is fresh for <see cref="Lifetime"/>; after that
/// the first request to ask recounts it while the others go on with the kept value, so that 64 requests arriving
/// together do not all start the same 800 ms count (ADR 39). A count is never more than <see cref="StaleLimit"/> old.
/// </summary>
public sealed class LargeCountCache(TimeProvider time) : IDisposable
{
    public const int Threshold = 1_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan StaleLimit = TimeSpan.FromMinutes(10);

    // Bounded: one entry per big account and kind of count.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>The counts for <paramref name="ids"/>: kept ones from the cache, the rest from <paramref name="count"/>
    /// in one batch (ids with nothing to count are absent from its result and count 0).</summary>
    public async Task<IReadOnlyDictionary<long, int>> GetAsync(string kind, IReadOnlyCollection<long> ids,
        Func<List<long>, Task<Dictionary<long, int>>> count)
    {
        var now = time.GetUtcNow();
        var result = new Dictionary<long, int>(ids.Count);
        var missing = new List<long>();
        var refreshing = new List<Kept>();
        foreach (var id in ids.Distinct())
        {
            if (cache.TryGetValue((kind, id), out Kept? kept) && kept is not null && now < kept.CountedAt + StaleLimit)
            {
                result[id] = kept.Value;
                if (now >= kept.CountedAt + Lifetime && kept.TryStartRecount())
                {
                    missing.Add(id);
                    refreshing.Add(kept);
                }
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count == 0)
        {
            return result;
        }
        Dictionary<long, int> counted;
        try
        {
            counted = await count(missing);
        }
        catch
        {
            // Someone else may try again; the kept values stay in use meanwhile.
            refreshing.ForEach(k => k.RecountFailed());
            throw;
        }
        foreach (var id in missing)
        {
            var value = counted.GetValueOrDefault(id);
            result[id] = value;
            if (value >= Threshold)
            {
                cache.Set((kind, id), new Kept(value, now), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = StaleLimit });
            }
            else
            {
                cache.Remove((kind, id));
            }
        }
        return result;
    }

    public void Dispose() => cache.Dispose();

    private sealed class Kept(int value, DateTimeOffset countedAt)
    {
        private int recounting;

        public int Value { get; } = value;
        public DateTimeOffset CountedAt { get; } = countedAt;

        /// <summary>True for the one caller that gets to recount.</summary>
        public bool TryStartRecount() => Interlocked.Exchange(ref recounting, 1) == 0;

        public void RecountFailed() => Volatile.Write(ref recounting, 0);
    }
}
