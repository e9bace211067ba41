using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kindred.Data.Postgres;

/// <summary>How Kindred talks to PostgreSQL: its migrations live in this assembly.</summary>
public static class PostgresDatabase
{
    /// <summary>Statements prepared per connection once they have run a few times (ADR 39); an operator's own
    /// "Max Auto Prepare" in the connection string wins.</summary>
    private const int AutoPrepared = 128;

    /// <summary>Kindred's queries are many and small, and the database shares a few cores with the server: parallel
    /// workers and JIT compilation cost more than they save (ADR 39). An operator's own "Options" win.</summary>
    private const string SessionOptions = "-c max_parallel_workers_per_gather=0 -c jit=off";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        // No retrying execution strategy: services use explicit transactions, which it would forbid.
        options.UseNpgsql(WithSessionSettings(connectionString), npgsql => npgsql
            .MigrationsAssembly(typeof(PostgresDatabase).Assembly.FullName)
            // A list of ids goes as one array parameter (= ANY (@ids)), so the SQL is the same for every list length and
            // EF Core's command cache holds (ADR 39).
            .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));

    private static string WithSessionSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPrepared;
        }
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = SessionOptions;
        }
        return builder.ConnectionString;
    }
}
