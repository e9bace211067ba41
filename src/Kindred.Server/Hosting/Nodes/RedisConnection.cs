using StackExchange.Redis;

namespace Kindred.Server.Hosting.Nodes;

/// <summary>
/// The one connection of this process to Redis (ADR 93), made only when <c>Kindred:Redis:ConnectionString</c> is set.
/// It never fails the start: while Redis is away the client reconnects in the background, operations fail fast (a
/// second at most) and each user of it falls back to what one node can do alone.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private RedisConnection(IConnectionMultiplexer multiplexer) => Multiplexer = multiplexer;

    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>Every key and channel of this install starts with it, so one Redis can serve other things too.</summary>
    public const string Prefix = "kindred:";

    public static RedisConnection Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        // A limiter or a publish waiting for an absent Redis would hold the request: fail within a second instead.
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        options.ConnectRetry = Math.Max(options.ConnectRetry, 1);
        // While disconnected, refuse at once rather than queue each command until it times out: every caller has a
        // fallback, and a request should not wait a second for it.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return new RedisConnection(ConnectionMultiplexer.Connect(options));
    }

    public void Dispose() => Multiplexer.Dispose();
}
