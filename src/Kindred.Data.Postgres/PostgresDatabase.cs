using Microsoft.EntityFrameworkCore;

namespace Kindred.Data.Postgres;

/// <summary>How Kindred talks to PostgreSQL: its migrations live in this assembly.</summary>
public static class PostgresDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        // No retrying execution strategy: services use explicit transactions, which it would forbid.
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresDatabase).Assembly.FullName));
}
