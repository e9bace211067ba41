namespace Kindred.Server.Hosting.Nodes;

/// <summary>
/// Whether the Redis rate limits answer (ADR 94): logs once when they stop and the limits fall back to each node's own,
/// and once when Redis answers again, instead of a line per request.
/// </summary>
public sealed partial class RedisLimitState(ILogger<RedisLimitState> logger)
{
    private int failing;

    public void Failed(Exception e)
    {
        if (Interlocked.Exchange(ref failing, 1) == 0)
        {
            LogFallback(logger, e);
        }
    }

    public void Answered()
    {
        if (Volatile.Read(ref failing) == 1 && Interlocked.Exchange(ref failing, 0) == 1)
        {
            LogBack(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis does not answer: rate limits are counted by each node alone until it does")]
    private static partial void LogFallback(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: rate limits are shared by every node")]
    private static partial void LogBack(ILogger logger);
}
