using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kindred.Server.Hosting;

/// <summary>
/// Failures that mean "the database cannot be reached just now", answered 503 with Retry-After by both front doors instead
/// of 500 (ADR 45): clients and proxies retry later, monitors see an outage rather than a bug.
/// </summary>
public static class DatabaseOutage
{
    public const int RetryAfterSeconds = 30;

    // SQLITE_BUSY and SQLITE_LOCKED (still locked after the busy timeout), SQLITE_IOERR and SQLITE_CANTOPEN (the file or
    // its disk is gone). https://sqlite.org/rescode.html
    private static readonly int[] SqliteOutageCodes = [5, 6, 10, 14];

    public static bool Is(Exception? error)
    {
        // EF Core wraps provider errors (DbUpdateException, InvalidOperationException), so the whole chain is looked at.
        for (var e = error; e is not null; e = e.InnerException)
        {
            // Npgsql marks as transient the failures to connect or to keep a connection (socket errors, timeouts, the
            // server shutting down or refusing connections), not errors in the SQL itself.
            if (e is NpgsqlException { IsTransient: true } || e is SqliteException sqlite && SqliteOutageCodes.Contains(sqlite.SqliteErrorCode))
            {
                return true;
            }
        }
        return false;
    }
}
