using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// The SQL statements EF Core sends to one test app's database while this log is open, heard on EF Core's
/// DiagnosticListener (the server's own pipeline, nothing replaced), so a test can hold a path to the statements it
/// needs (ADR 89). Other test classes run at the same time on their own databases, and their statements are left out
/// by the connection's file (SQLite) or database name (PostgreSQL).
/// </summary>
public sealed class SqlCommandLog : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly ConcurrentQueue<string> statements = new();
    private readonly List<IDisposable> subscriptions = [];
    private readonly Func<DbConnection, bool> ours;
    private readonly IDisposable all;

    public SqlCommandLog(KindredApp app)
    {
        if (app.Database == DatabaseKind.Sqlite)
        {
            ours = c => c.DataSource.StartsWith(app.DataDirectory, StringComparison.Ordinal);
        }
        else
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = app.Services.GetRequiredService<IConfiguration>()["Kindred:Database:ConnectionString"] };
            var name = (string)builder["Database"];
            ours = c => c.Database == name;
        }
        all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>The statements heard so far, in order.</summary>
    public IReadOnlyList<string> Statements => [.. statements];

    /// <summary>Forgets what was heard, e.g. after the test's own setup.</summary>
    public void Clear() => statements.Clear();

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data && data.Command.Connection is { } connection && ours(connection))
        {
            statements.Enqueue(data.Command.CommandText);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
