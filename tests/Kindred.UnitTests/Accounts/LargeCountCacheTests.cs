using Kindred.Core.Accounts;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.UnitTests.Accounts;

public sealed class LargeCountCacheTests : IDisposable
{
    // The counts here never touch a database; the contexts only show which one each count was given. Nothing opens them.
    private readonly ServiceProvider services = new ServiceCollection()
        .AddScoped(_ => new KindredDbContext(new DbContextOptionsBuilder<KindredDbContext>().Options))
        .BuildServiceProvider();

    private readonly KindredDbContext requestContext = new(new DbContextOptionsBuilder<KindredDbContext>().Options);

    public void Dispose()
    {
        requestContext.Dispose();
        services.Dispose();
    }

    [Fact]
    public async Task BigCountsAreKeptAndSmallOnesAreCountedEveryTime()
    {
        using var cache = Cache(TimeProvider.System);
        var counts = new Dictionary<long, int> { [1] = LargeCountCache.Threshold, [2] = LargeCountCache.Threshold - 1 };
        var asked = new List<List<long>>();
        Task<Dictionary<long, int>> Count(KindredDbContext db, List<long> ids, CancellationToken ct)
        {
            Assert.Same(requestContext, db);
            asked.Add(ids);
            return Task.FromResult(ids.Where(counts.ContainsKey).ToDictionary(id => id, id => counts[id]));
        }

        var first = await cache.GetAsync("followers", [1, 2, 3], requestContext, Count);
        counts[1] += 5;
        counts[2] += 5;
        var second = await cache.GetAsync("followers", [1, 2, 3], requestContext, Count);

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
        using var cache = Cache(TimeProvider.System);
        var asked = new List<List<long>>();
        Task<Dictionary<long, int>> Count(KindredDbContext db, List<long> ids, CancellationToken ct)
        {
            asked.Add(ids);
            return Task.FromResult(ids.ToDictionary(id => id, _ => 5_000));
        }

        await cache.GetAsync("followers", [7, 7], requestContext, Count);
        var statuses = await cache.GetAsync("statuses", [7], requestContext, Count);

        Assert.Equal(5_000, statuses[7]);
        Assert.Equal([[7], [7]], asked);
    }

    [Fact]
    public async Task AStaleCountIsRecountedOnceInTheBackgroundWhileEveryRequestUsesTheKeptOne()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        using var cache = Cache(time);
        var current = 5_000;
        var asked = new List<KindredDbContext>();
        var recount = new TaskCompletionSource<Dictionary<long, int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<Dictionary<long, int>> Count(KindredDbContext db, List<long> ids, CancellationToken ct)
        {
            lock (asked)
            {
                asked.Add(db);
                return asked.Count == 2 ? recount.Task : Task.FromResult(ids.ToDictionary(id => id, _ => current));
            }
        }

        await cache.GetAsync("followers", [1], requestContext, Count);
        time.Advance(LargeCountCache.Lifetime);
        current = 5_010;
        // The first request after the count went stale starts the recount and is not held by it; nor is the next.
        var noticing = await cache.GetAsync("followers", [1], requestContext, Count);
        var meanwhile = await cache.GetAsync("followers", [1], requestContext, Count);
        Assert.Equal(5_000, noticing[1]);
        Assert.Equal(5_000, meanwhile[1]);

        recount.SetResult(new Dictionary<long, int> { [1] = current });
        var after = await EventuallyAsync(cache, 5_010, Count);
        Assert.Equal(5_010, after);
        Assert.Equal(2, asked.Count);
        // The recount ran over a context of its own, not the request's.
        Assert.NotSame(requestContext, asked[1]);

        // Past the stale limit a count is never used, however busy the recount: the request counts itself.
        time.Advance(LargeCountCache.StaleLimit);
        current = 6_000;
        Assert.Equal(6_000, (await cache.GetAsync("followers", [1], requestContext, Count))[1]);
        Assert.Equal(3, asked.Count);
        Assert.Same(requestContext, asked[2]);
    }

    [Fact]
    public async Task AFailedRecountKeepsTheOldValueAndTheNextRequestTriesAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        using var cache = Cache(time);
        var calls = 0;
        Task<Dictionary<long, int>> Count(KindredDbContext db, List<long> ids, CancellationToken ct) =>
            Interlocked.Increment(ref calls) == 2
                ? Task.FromException<Dictionary<long, int>>(new InvalidOperationException("the database went away"))
                : Task.FromResult(ids.ToDictionary(id => id, _ => 2_000 + calls));

        await cache.GetAsync("followers", [1], requestContext, Count);
        time.Advance(LargeCountCache.Lifetime);
        Assert.Equal(2_001, (await cache.GetAsync("followers", [1], requestContext, Count))[1]);

        // Once the failed recount has let go, a later request starts another, which succeeds.
        Assert.Equal(2_003, await EventuallyAsync(cache, 2_003, Count));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task RequestsNeedingTheSameCountTogetherShareOneCount()
    {
        using var cache = Cache(TimeProvider.System);
        var asked = new List<List<long>>();
        var slow = new TaskCompletionSource<Dictionary<long, int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<Dictionary<long, int>> Count(KindredDbContext db, List<long> ids, CancellationToken ct)
        {
            lock (asked)
            {
                asked.Add(ids);
                return asked.Count == 1 ? slow.Task : Task.FromResult(ids.ToDictionary(id => id, id => (int)id));
            }
        }

        // The first request counts account 1; the second, arriving meanwhile, waits for that count and counts only 2.
        var first = cache.GetAsync("followers", [1], requestContext, Count);
        var second = cache.GetAsync("followers", [1, 2], requestContext, Count);
        Assert.False(first.IsCompleted);
        slow.SetResult(new Dictionary<long, int> { [1] = 90_000 });

        Assert.Equal(90_000, (await first)[1]);
        var both = await second;
        Assert.Equal(90_000, both[1]);
        Assert.Equal(2, both[2]);
        Assert.Equal([[1], [2]], asked);
    }

    [Fact]
    public async Task WhenTheSharedCountFailsTheWaitingRequestCountsItself()
    {
        using var cache = Cache(TimeProvider.System);
        var calls = 0;
        var failing = new TaskCompletionSource<Dictionary<long, int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<Dictionary<long, int>> Count(KindredDbContext db, List<long> ids, CancellationToken ct) =>
            Interlocked.Increment(ref calls) == 1 ? failing.Task : Task.FromResult(ids.ToDictionary(id => id, _ => 3_000));

        var first = cache.GetAsync("followers", [1], requestContext, Count);
        var second = cache.GetAsync("followers", [1], requestContext, Count);
        failing.SetException(new InvalidOperationException("the connection broke"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal(3_000, (await second)[1]);
        Assert.Equal(2, calls);
    }

    private LargeCountCache Cache(TimeProvider time) =>
        new(time, services.GetRequiredService<IServiceScopeFactory>(), NullLogger<LargeCountCache>.Instance);

    // The background recount finishes on its own schedule: ask again (as later requests would) until it shows.
    private async Task<int> EventuallyAsync(LargeCountCache cache, int expected,
        Func<KindredDbContext, List<long>, CancellationToken, Task<Dictionary<long, int>>> count)
    {
        var value = 0;
        for (var attempt = 0; attempt < 500 && value != expected; attempt++)
        {
            value = (await cache.GetAsync("followers", [1], requestContext, count))[1];
            if (value != expected)
            {
                await Task.Delay(10);
            }
        }
        return value;
    }
}
