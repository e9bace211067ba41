using Kindred.Data;
using Kindred.Data.Postgres;
using Kindred.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Bench.Generation;

/// <summary>Where a generated community lives: a SQLite file in a data directory, or a PostgreSQL database. The
/// server is started against the same place with the same settings.</summary>
public sealed record BenchDatabase(string Provider, string ConnectionString, string DataDirectory)
{
    public bool IsSqlite => Provider == "sqlite";

    public static BenchDatabase Sqlite(string dataDirectory) =>
        new("sqlite", SqliteDatabase.ConnectionStringFor(Path.Combine(dataDirectory, "kindred.db")), dataDirectory);

    public static BenchDatabase Postgres(string connectionString, string dataDirectory) => new("postgres", connectionString, dataDirectory);

    public KindredDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<KindredDbContext>();
        if (IsSqlite)
        {
            SqliteDatabase.Configure(options, ConnectionString);
        }
        else
        {
            PostgresDatabase.Configure(options, ConnectionString);
        }
        return new KindredDbContext(options.Options);
    }

    public BulkWriter CreateWriter() => IsSqlite ? new SqliteBulkWriter(this) : new PostgresBulkWriter(this);
}
