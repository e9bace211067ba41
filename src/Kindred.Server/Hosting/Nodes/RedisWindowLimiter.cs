using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Kindred.Server.Hosting.Nodes;

/// <summary>
/// One partition of one rate-limit rule counted in Redis (ADR 94), so every node spends the same budget: a fixed
/// window, as the single process's limiter, kept as one counter that expires with its window. When Redis cannot answer,
/// the request is counted by <paramref name="fallback"/>, this node's own limiter of the same rule, so the limit
/// becomes per node for as long as Redis is away, never absent.
/// <para>
/// The synchronous attempt never asks Redis (it would block a thread on the network): it answers "not acquired" and
/// the rate-limiting middleware then asks <see cref="AcquireAsyncCore"/>, which does.
/// </para>
/// </summary>
public sealed class RedisWindowLimiter(RedisConnection redis, RedisLimitState state, string key, int permits, TimeSpan window, RateLimiter fallback) : RateLimiter
{
    // INCR, and on the window's first request set its expiry; answers the count and the milliseconds left.
    private static readonly LuaScript Count = LuaScript.Prepare(
        "local n = redis.call('INCR', @key) if n == 1 then redis.call('PEXPIRE', @key, @window) end return { n, redis.call('PTTL', @key) }");

    private static readonly RateLimitLease Ask = new RedisLease(false, null);

    public override TimeSpan? IdleDuration => fallback.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => fallback.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        permitCount == 0 ? new RedisLease(true, null) : Ask;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return new RedisLease(true, null);
        }
        try
        {
            var result = (RedisResult[])(await redis.Multiplexer.GetDatabase().ScriptEvaluateAsync(Count,
                new { key = (RedisKey)key, window = (long)window.TotalMilliseconds }))!;
            state.Answered();
            var count = (long)result[0];
            var left = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
            return count <= permits ? new RedisLease(true, null) : new RedisLease(false, left > TimeSpan.Zero ? left : window);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            state.Failed(e);
            return fallback.AttemptAcquire(permitCount);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fallback.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class RedisLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
