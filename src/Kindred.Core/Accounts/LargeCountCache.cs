using Microsoft.Extensions.Caching.Memory;

namespace Kindred.Core.Accounts;

/// <summary>
/// Keeps the follower, following and post counts of big accounts for a minute (ADR 33). Counting the organization's
/// 90,000 followers took 600 ms on every page that showed one of its posts; a count of 1,000 or more is kept and may lag
/// by up to <see cref="Lifetime"/>, while smaller counts, cheap to make, are counted exactly every time.
/// </summary>
public sealed class LargeCountCache : IDisposable
{
    public const int Threshold = 1_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    // Bounded: one entry per big account and kind of count.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>The counts for <paramref name="ids"/>: kept ones from the cache, the rest from <paramref name="count"/>
    /// in one batch (ids with nothing to count are absent from its result and count 0).</summary>
    public async Task<IReadOnlyDictionary<long, int>> GetAsync(string kind, IReadOnlyCollection<long> ids,
        Func<List<long>, Task<Dictionary<long, int>>> count)
    {
        var result = new Dictionary<long, int>(ids.Count);
        var missing = new List<long>();
        foreach (var id in ids.Distinct())
        {
            if (cache.TryGetValue((kind, id), out int kept))
            {
                result[id] = kept;
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
        var counted = await count(missing);
        foreach (var id in missing)
        {
            var value = counted.GetValueOrDefault(id);
            result[id] = value;
            if (value >= Threshold)
            {
                cache.Set((kind, id), value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
            }
        }
        return result;
    }

    public void Dispose() => cache.Dispose();
}
