using System.Collections.Concurrent;
using Kindred.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kindred.Core.Accounts;

/// <summary>
/// Keeps the follower and following counts of big accounts (ADR 33; post counts are stored since ADR 92). Counting the organization's 90,000
/// followers took 600 ms on every page that showed one of its posts; a count of 1,000 or more is kept, while smaller
/// counts, cheap to make, are counted exactly every time. A kept count is fresh for <see cref="Lifetime"/>; after that
/// the first request to ask starts one recount in the background, with a DbContext of its own, and every request
/// (that one included) goes on with the kept value meanwhile. On PostgreSQL at scale L the big counts going stale
/// together held requests for up to 3 seconds while they recounted on the request path (ADR 39, 40). A count is never
/// more than <see cref="StaleLimit"/> old: past it, the request counts again itself. Requests that need the same
/// count while nothing is kept (just after a start) wait for the one count already running rather than start their own.
/// </summary>
public sealed class LargeCountCache(TimeProvider time, IServiceScopeFactory scopes, ILogger<LargeCountCache> log) : IDisposable
{
    public const int Threshold = 1_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan StaleLimit = TimeSpan.FromMinutes(10);

    // Bounded: one entry per big account and kind of count.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    // Counts being made now for ids without a kept value. Requests that arrive together (64 at once after a start, all
    // showing the organization's posts) share one count instead of each starting the same one.
    private readonly ConcurrentDictionary<(string Kind, long Id), Task<Dictionary<long, int>>> counting = new();

    /// <summary>The counts for <paramref name="ids"/>: kept ones from the cache, the rest from <paramref name="count"/>
    /// over <paramref name="db"/> in one batch (ids with nothing to count are absent from its result and count 0).
    /// <paramref name="count"/> must count through the context it is given: stale kept counts are recounted with it in
    /// the background, over a context of their own.</summary>
    public async Task<IReadOnlyDictionary<long, int>> GetAsync(string kind, IReadOnlyCollection<long> ids, KindredDbContext db,
        Func<KindredDbContext, List<long>, CancellationToken, Task<Dictionary<long, int>>> count, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var result = new Dictionary<long, int>(ids.Count);
        var missing = new List<long>();
        var stale = new List<(long Id, Kept Kept)>();
        foreach (var id in ids.Distinct())
        {
            if (cache.TryGetValue((kind, id), out Kept? kept) && kept is not null && now < kept.CountedAt + StaleLimit)
            {
                result[id] = kept.Value;
                if (now >= kept.CountedAt + Lifetime && kept.TryStartRecount())
                {
                    stale.Add((id, kept));
                }
            }
            else
            {
                missing.Add(id);
            }
        }
        if (stale.Count > 0)
        {
            _ = RecountAsync(kind, stale, count);
        }
        if (missing.Count > 0)
        {
            await CountMissingAsync(kind, missing, db, count, now, result, ct);
        }
        return result;
    }

    public void Dispose() => cache.Dispose();

    private async Task CountMissingAsync(string kind, List<long> missing, KindredDbContext db,
        Func<KindredDbContext, List<long>, CancellationToken, Task<Dictionary<long, int>>> count, DateTimeOffset now,
        Dictionary<long, int> result, CancellationToken ct)
    {
        var batch = new TaskCompletionSource<Dictionary<long, int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = new List<long>();
        var shared = new List<(long Id, Task<Dictionary<long, int>> Running)>();
        foreach (var id in missing)
        {
            var running = counting.GetOrAdd((kind, id), batch.Task);
            if (running == batch.Task)
            {
                mine.Add(id);
            }
            else
            {
                shared.Add((id, running));
            }
        }
        if (mine.Count > 0)
        {
            try
            {
                var counted = await count(db, mine, ct);
                Keep(kind, mine, counted, now, result);
                batch.SetResult(counted);
            }
            catch (Exception e)
            {
                // Those who waited for this count make their own; the exception is theirs to ignore, ours to throw.
                batch.SetException(e);
                _ = batch.Task.Exception;
                throw;
            }
            finally
            {
                foreach (var id in mine)
                {
                    counting.TryRemove(new KeyValuePair<(string, long), Task<Dictionary<long, int>>>((kind, id), batch.Task));
                }
            }
        }
        var again = new List<long>();
        foreach (var (id, running) in shared)
        {
            try
            {
                result[id] = (await running.WaitAsync(ct)).GetValueOrDefault(id);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                again.Add(id);
            }
        }
        if (again.Count > 0)
        {
            Keep(kind, again, await count(db, again, ct), now, result);
        }
    }

    private async Task RecountAsync(string kind, List<(long Id, Kept Kept)> stale,
        Func<KindredDbContext, List<long>, CancellationToken, Task<Dictionary<long, int>>> count)
    {
        // Off the request: the request that noticed the stale counts has gone on, and its context is not ours to use.
        await Task.Yield();
        try
        {
            var startedAt = time.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KindredDbContext>();
            var ids = stale.Select(s => s.Id).ToList();
            Keep(kind, ids, await count(db, ids, CancellationToken.None), startedAt, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The kept values stay in use, and the next request to find them stale tries again.
            stale.ForEach(s => s.Kept.RecountFailed());
            log.LogWarning(e, "Recounting {Count} kept {Kind} counts failed", stale.Count, kind);
        }
    }

    private void Keep(string kind, List<long> ids, Dictionary<long, int> counted, DateTimeOffset countedAt, Dictionary<long, int>? result)
    {
        foreach (var id in ids)
        {
            var value = counted.GetValueOrDefault(id);
            result?.Add(id, value);
            if (value >= Threshold)
            {
                cache.Set((kind, id), new Kept(value, countedAt), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = StaleLimit });
            }
            else
            {
                cache.Remove((kind, id));
            }
        }
    }

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
