using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.Server.Cli;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kindred.IntegrationTests.Cli;

/// <summary>The admin command line against a real database: setup, users, invitations, backup and restore.</summary>
public abstract class CommandLineTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "kindred-cli-tests", Guid.NewGuid().ToString("N"));

    protected abstract string[] DatabaseArguments { get; }

    protected abstract Task<string?> PasswordHashAsync(string username);

    protected abstract Task<int> CountUsersAsync();

    protected string DataDirectory => dataDirectory;

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    protected async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--data-directory", dataDirectory, .. DatabaseArguments], output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task SetupUsersInvitationsBackupAndRestore()
    {
        var (code, output) = await RunAsync("setup", "--organization", "Night Shelter", "--username", "boss", "--email", "boss@example.org", "--password", "boss password 123");
        Assert.True(code == 0, output);
        (code, output) = await RunAsync("setup", "--organization", "Again", "--username", "boss2", "--email", "boss2@example.org", "--password", "boss password 123");
        Assert.Equal(1, code);
        Assert.Contains("already", output, StringComparison.Ordinal);

        (code, output) = await RunAsync("admin", "create-user", "--username", "helper", "--email", "helper@example.org", "--password", "helper password 1", "--role", "staff");
        Assert.True(code == 0, output);
        (code, output) = await RunAsync("admin", "create-user", "--username", "wrongrole", "--email", "w@example.org", "--password", "helper password 1", "--role", "emperor");
        Assert.Equal(1, code);
        Assert.Contains("role", output, StringComparison.Ordinal);

        (code, output) = await RunAsync("admin", "reset-password", "--username", "helper", "--password", "a brand new password");
        Assert.True(code == 0, output);
        var hash = await PasswordHashAsync("helper");
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<User>().VerifyHashedPassword(null!, hash!, "a brand new password"));

        (code, output) = await RunAsync("admin", "set-role", "--username", "helper", "--role", "moderator");
        Assert.True(code == 0, output);
        (code, output) = await RunAsync("admin", "create-user", "--username", "troll", "--email", "troll@example.org", "--password", "helper password 1");
        Assert.True(code == 0, output);
        (code, output) = await RunAsync("admin", "suspend", "--username", "troll");
        Assert.True(code == 0, output);
        (code, output) = await RunAsync("admin", "suspend", "--username", "boss");
        Assert.Equal(1, code);
        (code, output) = await RunAsync("admin", "create-invitation", "--max-uses", "3", "--expires-in-days", "7");
        Assert.True(code == 0, output);
        Assert.Matches("^[a-z0-9]{12}$", output.Trim());

        var backup = Path.Combine(dataDirectory, "..", Guid.NewGuid().ToString("N"));
        (code, output) = await RunAsync("backup", "--output", backup);
        Assert.True(code == 0, output);
        (code, output) = await RunAsync("admin", "create-user", "--username", "afterbackup", "--email", "after@example.org", "--password", "helper password 1");
        Assert.True(code == 0, output);
        // The owner, the organization's own account, sam, troll and afterbackup.
        Assert.Equal(5, await CountUsersAsync());

        (code, output) = await RunAsync("restore", "--input", backup);
        Assert.Equal(1, code);
        Assert.Contains("--yes", output, StringComparison.Ordinal);
        Assert.Equal(5, await CountUsersAsync());

        (code, output) = await RunAsync("restore", "--input", backup, "--yes");
        Assert.True(code == 0, output);
        Assert.Equal(4, await CountUsersAsync());
        Directory.Delete(backup, recursive: true);
    }

    [Fact]
    public async Task DemoSeedSetsUpAFreshServerFillsItAndRefusesASecondRun()
    {
        var (code, output) = await RunAsync("demo", "seed", "--password", "short");
        Assert.Equal(1, code);
        Assert.Equal(0, await CountUsersAsync());

        (code, output) = await RunAsync("demo", "seed", "--password", "demo password 123");
        Assert.True(code == 0, output);
        Assert.Contains("signs in as owner with the password: owner-", output, StringComparison.Ordinal);
        Assert.Contains("60 members, 9 groups", output, StringComparison.Ordinal);
        Assert.Contains("@neighbourstogether", output, StringComparison.Ordinal);
        Assert.Contains("signs in with the password: demo password 123", output, StringComparison.Ordinal);
        Assert.Contains("nobody signs in to it", output, StringComparison.Ordinal);
        Assert.Equal(62, await CountUsersAsync());
        var hash = await PasswordHashAsync("amara_okafor");
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<User>().VerifyHashedPassword(null!, hash!, "demo password 123"));
        // The demo community was written through the services, which keep the stored counts (ADR 92): nothing to repair.
        (code, output) = await RunAsync("counts", "repair");
        Assert.True(code == 0, output);
        Assert.Contains("Every stored count was right.", output, StringComparison.Ordinal);

        (code, output) = await RunAsync("demo", "seed");
        Assert.Equal(1, code);
        Assert.Contains("already has members or posts", output, StringComparison.Ordinal);
        Assert.Equal(62, await CountUsersAsync());
    }

    [Fact]
    public async Task HelpDescribesEveryCommand()
    {
        var (code, output) = await RunAsync("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "setup", "admin", "demo", "backup", "restore", "counts" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
        (code, output) = await RunAsync("counts", "--help");
        Assert.Equal(0, code);
        Assert.Contains("repair", output, StringComparison.Ordinal);
        (code, output) = await RunAsync("admin", "--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "create-user", "reset-password", "set-role", "suspend", "create-invitation", "approve" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }
}

public sealed class CommandLineSqliteTests : CommandLineTests
{
    protected override string[] DatabaseArguments => [];

    private SqliteConnection Open() => new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, "kindred.db"), Pooling = false }.ToString());

    protected override async Task<string?> PasswordHashAsync(string username)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"PasswordHash\" FROM \"AspNetUsers\" WHERE \"UserName\" = $name";
        command.Parameters.AddWithValue("$name", username);
        return (string?)await command.ExecuteScalarAsync();
    }

    protected override async Task<int> CountUsersAsync()
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"AspNetUsers\"";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class CommandLinePostgresTests : CommandLineTests
{
    private readonly string connectionString = PostgresCluster.Shared.ConnectionStringFor("kindred_cli_" + Guid.NewGuid().ToString("N")[..10]);

    protected override string[] DatabaseArguments => ["--database-provider", "postgres", "--connection-string", connectionString];

    protected override async Task<string?> PasswordHashAsync(string username)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"PasswordHash\" FROM \"AspNetUsers\" WHERE \"UserName\" = @name", connection);
        command.Parameters.AddWithValue("name", username);
        return (string?)await command.ExecuteScalarAsync();
    }

    protected override async Task<int> CountUsersAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM \"AspNetUsers\"", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
