using System.Data.Common;
using System.Runtime.CompilerServices;
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
            .UseSqlite(connectionString, sqlite => sqlite
                .MigrationsAssembly(typeof(SqliteDatabase).Assembly.FullName)
                // A list of ids goes as one JSON parameter (IN (SELECT value FROM json_each(@ids))), so the SQL is the same
                // for every list length and EF Core's command cache holds (ADR 39).
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(PragmaInterceptor.Instance);

    public static string ConnectionStringFor(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>WAL lets readers run beside the one writer; synchronous=FULL means an acknowledged write
    /// survives power loss. WAL is stored in the file, the rest is per connection: it is set once on each native
    /// connection, which the pool keeps open between uses, not on every open (ADR 39).</summary>
    private sealed class PragmaInterceptor : DbConnectionInterceptor
    {
        public static readonly PragmaInterceptor Instance = new();
        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        private static readonly ConditionalWeakTable<object, object> Prepared = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (IsNew(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                command.ExecuteNonQuery();
                Remember(connection);
            }
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (IsNew(connection))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
                Remember(connection);
            }
        }

        /// <summary>Whether the native connection has not had its pragmas yet; it is forgotten when the pool lets it go.</summary>
        private static bool IsNew(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || !Prepared.TryGetValue(handle, out _);

        private static void Remember(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle })
            {
                Prepared.AddOrUpdate(handle, Instance);
            }
        }
    }
}
