using Kindred.Core.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.UnitTests.Accounts;

public sealed class LargeCountCacheTests
{
    [Fact]
    public async Task BigCountsAreKeptAndSmallOnesAreCountedEveryTime()
    {
        using var cache = new LargeCountCache(TimeProvider.System);
        var counts = new Dictionary<long, int> { [1] = LargeCountCache.Threshold, [2] = LargeCountCache.Threshold - 1 };
        var asked = new List<List<long>>();
        Task<Dictionary<long, int>> Count(List<long> ids)
        {
            asked.Add(ids);
            return Task.FromResult(ids.Where(counts.ContainsKey).ToDictionary(id => id, id => counts[id]));
        }

        var first = await cache.GetAsync("followers", [1, 2, 3], Count);
        counts[1] += 5;
        counts[2] += 5;
        var second = await cache.GetAsync("followers", [1, 2, 3], Count);

        Assert.Equal(LargeCountCache.Threshold, first[1]);
        Assert.Equal(LargeCountCache.Threshold - 1, first[2]);
        Assert.Equal(0, first[3]);
        // The big count is the kept one; the small one and the id with nothing to count are asked for again, together.
        Assert.Equal(LargeCountCache.Threshold, second[1]);
        Assert.Equal(LargeCountCache.Threshold + 4, second[2]);
        Assert.Equal([[1, 2, 3], [2, 3]], asked);
    }

    [Fact]
    public async Task KindsAreKeptApartAndDuplicateIdsAreAskedOnce()
    {
        using var cache = new LargeCountCache(TimeProvider.System);
        var asked = new List<List<long>>();
        Task<Dictionary<long, int>> Count(List<long> ids)
        {
            asked.Add(ids);
            return Task.FromResult(ids.ToDictionary(id => id, _ => 5_000));
        }

        await cache.GetAsync("followers", [7, 7], Count);
        var statuses = await cache.GetAsync("statuses", [7], Count);

        Assert.Equal(5_000, statuses[7]);
        Assert.Equal([[7], [7]], asked);
    }

    [Fact]
    public async Task AnOldCountIsRecountedByOneCallerWhileTheOthersUseTheKeptOne()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        using var cache = new LargeCountCache(time);
        var current = 5_000;
        var asked = 0;
        var recount = new TaskCompletionSource<Dictionary<long, int>>();
        Task<Dictionary<long, int>> Count(List<long> ids)
        {
            asked++;
            return asked == 2 ? recount.Task : Task.FromResult(ids.ToDictionary(id => id, _ => current));
        }

        await cache.GetAsync("followers", [1], Count);
        time.Advance(LargeCountCache.Lifetime);
        current = 5_010;
        // The first caller after the count went stale recounts; the second, meanwhile, is given the kept value at once.
        var recounting = cache.GetAsync("followers", [1], Count);
        var meanwhile = await cache.GetAsync("followers", [1], Count);
        recount.SetResult(new Dictionary<long, int> { [1] = current });
        var recounted = await recounting;
        var after = await cache.GetAsync("followers", [1], Count);

        Assert.Equal(5_000, meanwhile[1]);
        Assert.Equal(5_010, recounted[1]);
        Assert.Equal(5_010, after[1]);
        Assert.Equal(2, asked);

        // Past the stale limit a count is never used, however busy the recount.
        time.Advance(LargeCountCache.StaleLimit);
        current = 6_000;
        Assert.Equal(6_000, (await cache.GetAsync("followers", [1], Count))[1]);
        Assert.Equal(3, asked);
    }
}
