using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kindred.IntegrationTests.Web.Shared;

/// <summary>
/// Holds back by <see cref="Delay"/> every query that reads notifications (the nav's unread count; background jobs run
/// their own queries meanwhile), and counts those started and still running.
/// </summary>
public sealed class QueryProbe : DbCommandInterceptor
{
    private int started;
    private int running;
    private readonly ConcurrentDictionary<DbCommand, string> open = new();

    /// <summary>The text of the queries still running, for a failure's message.</summary>
    public string Open => string.Join("\n", open.Values);

    public TimeSpan Delay { get; set; }

    public int Started => Volatile.Read(ref started);

    public int Running => Volatile.Read(ref running);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (!command.CommandText.Contains("\"Notifications\"", StringComparison.Ordinal))
        {
            return result;
        }
        Interlocked.Increment(ref started);
        Interlocked.Increment(ref running);
        open[command] = command.CommandText;
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, CancellationToken.None);
        }
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (open.TryRemove(command, out _))
        {
            Interlocked.Decrement(ref running);
        }
        return ValueTask.FromResult(result);
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (open.TryRemove(command, out _))
        {
            Interlocked.Decrement(ref running);
        }
        return Task.CompletedTask;
    }
}
