using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 cluster built from the local binaries, started once per test process
/// and thrown away when the process exits. Tests get their own database with <see cref="CreateDatabase"/>.
/// </summary>
/// <remarks>
/// initdb refuses to run as root, and CI runs as root, so as root every server command goes through
/// <c>runuser -u postgres</c> and the cluster directory is chowned to postgres. Missing binaries are
/// an error, never a skip: a PostgreSQL suite that silently skips would let CI pass untested.
/// </remarks>
public sealed class PostgresCluster
{
    /// <summary>Where Debian's postgresql-15 package puts the server binaries; KINDRED_PG_BIN overrides.</summary>
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    private const string SuperUser = "kindred";
    private const string DirectoryPrefix = "kindred-pg-";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Tests trade durability for speed; nothing in a test cluster outlives the run.</summary>
    private const string TestSettings = """
        max_connections = 300
        shared_buffers = 32MB
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        """;

    /// <summary>The benchmark harness measures what an installation gets: durable commits, a production-sized cache.</summary>
    private const string BenchmarkSettings = """
        max_connections = 300
        shared_buffers = 1GB
        effective_cache_size = 4GB
        work_mem = 16MB
        maintenance_work_mem = 512MB
        max_wal_size = 4GB
        """;

    private static readonly Lazy<PostgresCluster> LazyShared =
        new(() => Start(TestSettings), LazyThreadSafetyMode.ExecutionAndPublication);

    // Held so the registrations live as long as the process.
    private static PosixSignalRegistration[] signalRegistrations = [];

    private readonly bool runAsPostgres;
    private readonly bool kept;
    private int stopped;

    private PostgresCluster(string binDirectory, string rootDirectory, int port, bool runAsPostgres, bool kept)
    {
        BinDirectory = binDirectory;
        RootDirectory = rootDirectory;
        Port = port;
        this.runAsPostgres = runAsPostgres;
        this.kept = kept;
    }

    /// <summary>The cluster for this test process, started on first use.</summary>
    public static PostgresCluster Shared => LazyShared.Value;

    public string BinDirectory { get; }

    /// <summary>Temp directory holding the data directory, the unix socket and the server log.</summary>
    public string RootDirectory { get; }

    public string DataDirectory => Path.Combine(RootDirectory, "data");

    public string LogFile => Path.Combine(RootDirectory, "server.log");

    public int Port { get; }

    /// <summary>Drops <paramref name="name"/> if it exists, creates it empty and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var connectionString = ConnectionStringFor(name);

        // Pooled connections to a dropped database are dead; don't hand them to the next test.
        using (var stale = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(stale);
        }

        var quoted = QuoteIdentifier(name);
        using var connection = new NpgsqlConnection(AdminConnectionString());
        connection.Open();
        using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", connection))
        {
            drop.ExecuteNonQuery();
        }

        using (var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection))
        {
            create.ExecuteNonQuery();
        }

        return connectionString;
    }

    /// <summary>The connection string for <paramref name="database"/>, which is not created.</summary>
    public string ConnectionStringFor(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Database = database,
            Pooling = true,
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    private string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(ConnectionStringFor("postgres")) { Pooling = false }.ConnectionString;

    /// <summary>A cluster with durable settings for the benchmark harness (bench/), stopped when the process exits. It
    /// lives in <paramref name="keepIn"/> and is kept after the run, so a scale-L community is generated once and measured
    /// again; a cluster already there is started as it is.
    /// Without <paramref name="keepIn"/> (smoke runs) it is throwaway under /tmp like the test clusters: the postgres user
    /// cannot enter a checkout under a private directory such as mktemp's.</summary>
    public static PostgresCluster StartForBenchmark(string? keepIn) => Start(BenchmarkSettings, keepIn is null ? null : Path.GetFullPath(keepIn));

    /// <summary>Whether <paramref name="keepIn"/> holds a cluster that <see cref="StartForBenchmark"/> would start again.</summary>
    public static bool ExistsIn(string keepIn) => File.Exists(Path.Combine(keepIn, "data", "PG_VERSION"));

    private static PostgresCluster Start(string settings, string? keepIn = null)
    {
        var binDirectory = Environment.GetEnvironmentVariable("KINDRED_PG_BIN") is { Length: > 0 } fromEnv
            ? fromEnv
            : DefaultBinDirectory;
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            if (!File.Exists(Path.Combine(binDirectory, tool)))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL tests need the PostgreSQL 15 server binaries, but '{Path.Combine(binDirectory, tool)}' " +
                    "does not exist. Install them (Debian: apt-get install postgresql-15) or point KINDRED_PG_BIN " +
                    "at the directory holding initdb and pg_ctl.");
            }
        }

        // Environment.UserName is getpwuid(geteuid()) on Unix.
        var runAsPostgres = OperatingSystem.IsLinux() && Environment.UserName == "root";

        // Under /tmp rather than the root user's TMPDIR, which the postgres user may not be able to enter.
        var tempBase = runAsPostgres ? "/tmp" : Path.GetTempPath();
        var root = keepIn ?? Path.Combine(tempBase, DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        var existing = keepIn is not null && ExistsIn(keepIn);
        Directory.CreateDirectory(root);

        var cluster = new PostgresCluster(binDirectory, root, FreePort(), runAsPostgres, kept: keepIn is not null);
        try
        {
            cluster.StartWatchdog();
            cluster.InitAndStart(settings, existing);
        }
        catch
        {
            cluster.Stop();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        // Without these, SIGTERM, SIGINT (Ctrl+C) and SIGHUP end the process without raising ProcessExit.
        // Not cancelling lets the default action (termination) go ahead after the cluster is gone.
        signalRegistrations = [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => cluster.Stop()))];
        return cluster;
    }

    /// <summary>
    /// vstest kills the test host 100 ms after the run ends, and SIGKILL skips ProcessExit entirely, so
    /// the ProcessExit cleanup often never finishes. A detached shell (its own session, so neither a
    /// process-tree kill nor a process-group kill reaches it) waits for this process to go away and then
    /// stops the server and removes the directory; after a clean ProcessExit it finds nothing to do.
    /// </summary>
    private void StartWatchdog()
    {
        const string Script = """
            exec </dev/null >/dev/null 2>&1
            owner=$1; root=$2; keep=$3; shift 3
            while kill -0 "$owner" && ! grep -qs '^State:[[:space:]]*Z' "/proc/$owner/status"; do sleep 1; done
            if [ -f "$root/data/postmaster.pid" ]; then "$@"; fi
            if [ "$keep" = no ]; then rm -rf "$root"; fi
            """;
        string[] arguments =
        [
            "-f", "sh", "-c", Script, "kindred-pg-watchdog",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture), RootDirectory, kept ? "yes" : "no",
            .. runAsPostgres ? new[] { "runuser", "-u", "postgres", "--" } : [],
            Path.Combine(BinDirectory, "pg_ctl"), "stop", "-D", DataDirectory, "-m", StopMode, "-w",
        ];
        RunTool("setsid", arguments, asPostgres: false);
    }

    /// <summary>A kept cluster shuts down cleanly so it starts again without recovery; a throwaway one just stops.</summary>
    private string StopMode => kept ? "fast" : "immediate";

    private void InitAndStart(string settings, bool existing)
    {
        if (existing)
        {
            // A new port for this run; the appended line wins over the one an earlier run wrote.
            File.AppendAllText(Path.Combine(DataDirectory, "postgresql.conf"), $"port = {Port}\n");
            StartServer();
            return;
        }

        if (runAsPostgres)
        {
            // initdb creates the data directory and the server writes its socket and log here, so postgres
            // must own it; a root-owned directory (mode 700 under a umask of 077) is closed to postgres.
            RunTool("chown", ["-R", "postgres:postgres", RootDirectory], asPostgres: false);
        }

        RunTool(Path.Combine(BinDirectory, "initdb"),
            ["-D", DataDirectory, "-A", "trust", "-U", SuperUser, "--encoding=UTF8", "--locale=C", "--no-sync"],
            runAsPostgres);

        // Appended settings win over the defaults initdb wrote earlier in the file.
        File.AppendAllText(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            # Kindred throwaway cluster
            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{RootDirectory}'
            logging_collector = off
            {settings}

            """);
        // Trust only TCP from 127.0.0.1; initdb's default also trusts every local OS user over the socket.
        File.WriteAllText(Path.Combine(DataDirectory, "pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        StartServer();
    }

    private void StartServer()
    {
        try
        {
            RunTool(Path.Combine(BinDirectory, "pg_ctl"),
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "30"],
                runAsPostgres);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message}\nServer log:\n{ReadLogTail()}", e);
        }

        WaitUntilAcceptingConnections();
    }

    private void WaitUntilAcceptingConnections()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(AdminConnectionString());
                connection.Open();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                if (deadline.Elapsed > StartupTimeout)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL on 127.0.0.1:{Port} did not accept connections within {StartupTimeout.TotalSeconds} s. " +
                        $"Server log:\n{ReadLogTail()}", e);
                }

                Thread.Sleep(200);
            }
        }
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                RunTool(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", StopMode, "-w"], runAsPostgres);
            }
        }
        catch (InvalidOperationException)
        {
            // Best effort at exit: the server may already be gone.
        }

        if (kept)
        {
            return;
        }

        var root = RootDirectory;

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void RunTool(string fileName, string[] arguments, bool asPostgres)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // runuser keeps the caller's cwd, and postgres cannot enter e.g. /root ("could not change directory").
            WorkingDirectory = "/",
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", fileName })
            {
                startInfo.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Keep tool messages in English so failures read the same everywhere.
        startInfo.Environment["LC_ALL"] = "C";

        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(startInfo.FileName));
        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run '{commandLine}': {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{commandLine}' did not finish within {CommandTimeout}.\n{Snapshot(output)}");
        }

        // The parameterless overload waits for the redirected streams to drain.
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{commandLine}' exited with code {process.ExitCode}.\n{Snapshot(output)}");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private string ReadLogTail()
    {
        try
        {
            var lines = File.ReadAllLines(LogFile);
            return string.Join('\n', lines.TakeLast(40));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(no log at {LogFile}: {e.Message})";
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
