using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Kindred.Bench.Generation;

namespace Kindred.Bench.Running;

/// <summary>The real server, Release build, started as its own process on 127.0.0.1 against a generated community.
/// Its resident memory is read from /proc, as an operator would see it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => process.Id;

    /// <summary>SQL statements the server reported executing, when started with <c>countSql</c>.</summary>
    public long SqlCommands => Interlocked.Read(ref sqlCommands);

    private long sqlCommands;
    private bool disposed;

    /// <summary>Time from process start to the first successful /health/ready.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Publishes the server in Release into <paramref name="outputDirectory"/>, ahead-of-time compiled as the README
    /// tells an installation to (ReadyToRun: 3.5 s → 2.4 s cold start at scale L, ADR 39); the harness runs that copy.</summary>
    public static void Publish(string repositoryRoot, string outputDirectory, TextWriter log)
    {
        log.WriteLine($"  publishing the server (Release, ReadyToRun) to {outputDirectory}");
        Run("dotnet", ["publish", Path.Combine(repositoryRoot, "src", "Kindred.Server"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
            "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", outputDirectory, "--nologo", "-v", "quiet"]);
    }

    /// <summary>Starts the server on a free port, or on <paramref name="port"/>: a restart must keep its address, because
    /// the address is the OAuth issuer and tokens issued under another one are refused. <paramref name="countSql"/> turns
    /// on EF Core's command log and counts its "Executed DbCommand" lines (<see cref="SqlCommands"/>): logging every
    /// statement costs CPU, so such a server only counts statements and is never timed.</summary>
    public static async Task<ServerProcess> StartAsync(string serverDirectory, BenchDatabase database, TextWriter log, int? port = null, bool countSql = false, IReadOnlyDictionary<string, string>? extraSettings = null, CancellationToken ct = default)
    {
        port ??= FreePort();
        var address = new Uri($"http://127.0.0.1:{port.Value.ToString(CultureInfo.InvariantCulture)}");
        var info = new ProcessStartInfo("dotnet", [Path.Combine(serverDirectory, "Kindred.Server.dll")])
        {
            WorkingDirectory = serverDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = address.ToString(),
            ["Kindred__PublicUrl"] = address.ToString().TrimEnd('/'),
            ["Kindred__DataDirectory"] = database.DataDirectory,
            ["Kindred__Database__Provider"] = database.Provider,
            ["Kindred__Database__ConnectionString"] = database.ConnectionString,
            // The harness signs its sample members in through the password grant, and a load test is not abuse.
            ["Kindred__OAuth__AllowPasswordGrant"] = "true",
            ["Kindred__RateLimits__ApiPerToken"] = "100000000",
            ["Kindred__RateLimits__SignInPerIp"] = "100000",
            ["Kindred__RateLimits__SignInPerAccount"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (countSql)
        {
            settings["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("The server did not start.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, e) =>
        {
            if (countSql && e.Data is not null && e.Data.Contains("Executed DbCommand", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref server.sqlCommands);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} while starting:\n{errors}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                await server.DisposeAsync();
                throw new TimeoutException($"The server was not ready within 3 minutes:\n{errors}");
            }
            await Task.Delay(20, ct);
        }
        server.StartupTime = clock.Elapsed;
        log.WriteLine($"  server ready at {address} in {server.StartupTime.TotalSeconds:F2} s, RSS {server.ResidentMegabytes():F0} MB");
        return server;
    }

    /// <summary>Resident set size now (VmRSS), in MiB.</summary>
    public double ResidentMegabytes() => ReadStatusKilobytes("VmRSS:") / 1024.0;

    private double ReadStatusKilobytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return double.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>SIGKILL, as a power cut or the OOM killer would end it: no shutdown hooks, no flush, in-flight requests cut off.</summary>
    public void KillAbruptly()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Disposed early when a second server takes over the address (the SQL probe), and again at the end of its scope.
        if (disposed)
        {
            return;
        }
        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"{file} did not start.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.");
        }
    }
}
