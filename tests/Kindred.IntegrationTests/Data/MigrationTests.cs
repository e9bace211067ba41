using Kindred.Data;
using Kindred.Data.Postgres;
using Kindred.Data.Sqlite;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Data;

public abstract class MigrationTests(KindredApp app)
{
    [Fact]
    public async Task TheModelHasNoChangesWithoutAMigration()
    {
        var pending = await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending, "The EF model changed without a migration for this provider; run dotnet ef migrations add.");
    }

    [Fact]
    public void TheCompiledModelIsTheModelTheCodeBuilds()
    {
        static string Model(Action<DbContextOptionsBuilder> configure)
        {
            var options = new DbContextOptionsBuilder<KindredDbContext>();
            configure(options);
            using var db = new KindredDbContext(options.Options);
            return db.Model.ToDebugString(MetadataDebugStringOptions.LongDefault);
        }
        var (built, compiled, project) = app.Database == DatabaseKind.Sqlite
            ? (Model(o => SqliteDatabase.Configure(o, "Data Source=model.db", compiledModel: false)), Model(o => SqliteDatabase.Configure(o, "Data Source=model.db")), "Kindred.Data.Sqlite")
            : (Model(o => PostgresDatabase.Configure(o, "Host=localhost", compiledModel: false)), Model(o => PostgresDatabase.Configure(o, "Host=localhost")), "Kindred.Data.Postgres");
        Assert.True(built == compiled, $"The EF model changed since src/{project}/CompiledModel was generated; regenerate it with dotnet ef dbcontext optimize (CONTRIBUTING.md).");
    }

    [Fact]
    public async Task AnEmptyDatabaseIsMigratedToTheLatestMigrationAtStart()
    {
        var (applied, all, pending) = await app.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList(), (await db.Database.GetPendingMigrationsAsync()).ToList()));
        Assert.Empty(pending);
        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
    }

    [Fact]
    public async Task TheDatabaseRunsWithTheDurabilitySettings()
    {
        if (app.Database != DatabaseKind.Sqlite)
        {
            var provider = await app.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));
            Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
            return;
        }
        var (journal, synchronous) = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            var mode = (string)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA synchronous";
            var sync = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            return (mode, sync);
        });
        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous); // FULL
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "kindred.db")));
    }
}

public sealed class MigrationSqliteTests(SqliteApp app) : MigrationTests(app), IClassFixture<SqliteApp>;

public sealed class MigrationPostgresTests(PostgresApp app) : MigrationTests(app), IClassFixture<PostgresApp>;
