using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kindred.Data.Sqlite;

/// <summary>How Kindred talks to SQLite: its migrations live in this assembly, and every connection runs with
/// the durability settings below.</summary>
public static class SqliteDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.FullName))
            .AddInterceptors(PragmaInterceptor.Instance);

    public static string ConnectionStringFor(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>WAL lets readers run beside the one writer; synchronous=FULL means an acknowledged write
    /// survives power loss. WAL is stored in the file, the rest is per connection.</summary>
    private sealed class PragmaInterceptor : DbConnectionInterceptor
    {
        public static readonly PragmaInterceptor Instance = new();
        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
