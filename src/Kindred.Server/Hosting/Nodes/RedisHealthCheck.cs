using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kindred.Server.Hosting.Nodes;

/// <summary>
/// Redis for <c>/health/ready</c> (ADR 93): away is "Degraded", which still answers 200, because a node without Redis
/// still serves (its streams and limits become its own); only the database makes a node unready.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var took = await redis.Multiplexer.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {took.TotalMilliseconds:0} ms.");
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer: streams and rate limits are this node's alone.", e);
        }
    }
}
