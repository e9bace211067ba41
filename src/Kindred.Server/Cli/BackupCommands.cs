using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Kindred.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kindred.Server.Cli;

/// <summary>
/// backup writes a folder: the database (a VACUUM INTO copy for SQLite, a pg_dump archive for PostgreSQL — both
/// consistent while the server runs) plus the media and keys folders. restore puts such a folder back.
/// </summary>
public static class BackupCommands
{
    private const string SqliteFile = "kindred.db";
    private const string PostgresFile = "kindred.pgdump";
    private static readonly string[] CopiedFolders = ["media", "keys"];

    public static Command Backup(Option<string?> dataDirectory)
    {
        var output = new Option<string>("--output") { Description = "A folder to create for the backup (must not exist).", Required = true };
        var command = new Command("backup", "Makes a consistent backup while the server keeps running.") { output };
        command.SetAction((parse, ct) => CommandLine.RunAsync(parse, dataDirectory, async services =>
        {
            var options = services.GetRequiredService<IOptions<KindredOptions>>().Value;
            var target = Path.GetFullPath(parse.GetValue(output)!);
            if (Directory.Exists(target) || File.Exists(target))
            {
                throw KindredException.Invalid("output", $"{target} already exists; choose a new folder.");
            }
            Directory.CreateDirectory(target);
            if (IsPostgres(options))
            {
                await RunToolAsync("pg_dump", options.Database.ConnectionString!, ["--format=custom", "--no-owner", "--file", Path.Combine(target, PostgresFile)], ct);
            }
            else
            {
                await using var connection = new SqliteConnection(SqliteConnectionString(options));
                await connection.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "VACUUM INTO $path";
                command.Parameters.AddWithValue("$path", Path.Combine(target, SqliteFile));
                await command.ExecuteNonQueryAsync(ct);
            }
            foreach (var folder in CopiedFolders)
            {
                CopyFolder(Path.Combine(options.FullDataDirectory, folder), Path.Combine(target, folder));
            }
            return $"Backup written to {target}.";
        }));
        return command;
    }

    public static Command Restore(Option<string?> dataDirectory)
    {
        var input = new Option<string>("--input") { Description = "A folder made by backup.", Required = true };
        var yes = new Option<bool>("--yes") { Description = "Confirms that the server is stopped and its data may be replaced." };
        var command = new Command("restore", "Replaces the data with a backup. Stop the server first.") { input, yes };
        command.SetAction((parse, ct) => CommandLine.RunAsync(parse, dataDirectory, async services =>
        {
            if (!parse.GetValue(yes))
            {
                throw KindredException.Invalid("yes", "Stop the server, then run restore again with --yes: it replaces the current data.");
            }
            var options = services.GetRequiredService<IOptions<KindredOptions>>().Value;
            var source = Path.GetFullPath(parse.GetValue(input)!);
            if (IsPostgres(options))
            {
                var dump = Path.Combine(source, PostgresFile);
                if (!File.Exists(dump))
                {
                    throw KindredException.Invalid("input", $"{dump} is missing; is this a PostgreSQL backup?");
                }
                await RunToolAsync("pg_restore", options.Database.ConnectionString!, ["--clean", "--if-exists", "--no-owner", "--single-transaction", dump], ct, withDatabaseArgument: true);
            }
            else
            {
                var backup = Path.Combine(source, SqliteFile);
                if (!File.Exists(backup))
                {
                    throw KindredException.Invalid("input", $"{backup} is missing; is this a SQLite backup?");
                }
                await CheckIntegrityAsync(backup, ct);
                var live = LiveSqlitePath(options);
                SqliteConnection.ClearAllPools();
                if (File.Exists(live))
                {
                    File.Move(live, $"{live}.before-restore-{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}");
                }
                File.Delete(live + "-wal");
                File.Delete(live + "-shm");
                File.Copy(backup, live);
            }
            foreach (var folder in CopiedFolders)
            {
                var from = Path.Combine(source, folder);
                if (Directory.Exists(from))
                {
                    var to = Path.Combine(options.FullDataDirectory, folder);
                    if (Directory.Exists(to))
                    {
                        Directory.Delete(to, recursive: true);
                    }
                    CopyFolder(from, to);
                }
            }
            return $"Restored from {source}.";
        }));
        return command;
    }

    private static bool IsPostgres(KindredOptions options) => options.Database.Provider.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);

    private static string LiveSqlitePath(KindredOptions options) =>
        string.IsNullOrWhiteSpace(options.Database.ConnectionString)
            ? Path.Combine(options.FullDataDirectory, SqliteFile)
            : new SqliteConnectionStringBuilder(options.Database.ConnectionString).DataSource;

    private static string SqliteConnectionString(KindredOptions options) =>
        new SqliteConnectionStringBuilder { DataSource = LiveSqlitePath(options), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    private static async Task CheckIntegrityAsync(string path, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var result = (string?)await command.ExecuteScalarAsync(ct);
        if (result != "ok")
        {
            throw KindredException.Invalid("input", "The backup database failed its integrity check: " + result);
        }
    }

    /// <summary>Runs pg_dump or pg_restore with the connection from the configuration passed through PG* variables.</summary>
    private static async Task RunToolAsync(string tool, string connectionString, string[] arguments, CancellationToken ct, bool withDatabaseArgument = false)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(FindTool(tool)) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (withDatabaseArgument)
        {
            start.ArgumentList.Add("--dbname");
            start.ArgumentList.Add(connection.Database ?? "kindred");
        }
        start.Environment["PGHOST"] = connection.Host ?? "localhost";
        start.Environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username ?? Environment.UserName;
        start.Environment["PGDATABASE"] = connection.Database ?? "kindred";
        if (!string.IsNullOrEmpty(connection.Password))
        {
            start.Environment["PGPASSWORD"] = connection.Password;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var errors = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw KindredException.Invalid("database", $"{tool} failed: {errors.Trim()}");
        }
    }

    private static string FindTool(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(p => Path.Combine(p, tool)).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", tool)).FirstOrDefault(File.Exists)
            : null;
        return debian ?? throw KindredException.Invalid("database", $"{tool} was not found; install the PostgreSQL client tools.");
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var destination = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
