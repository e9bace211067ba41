using System.Diagnostics;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// Debian's <c>redis-server</c> on a free loopback port, without persistence, for the multi-node tests (ADR 93).
/// A missing binary is an error, never a skip (scripts/test.sh installs it), as for PostgreSQL: a suite that skips
/// would let CI pass with the multi-node paths untested. It can be stopped and started again on the same port, to
/// show what a node does while Redis is away.
/// </summary>
public sealed class RedisServer : IDisposable
{
    /// <summary>Where Debian's redis-server package puts it; KINDRED_REDIS_SERVER overrides.</summary>
    public const string DefaultBinary = "/usr/bin/redis-server";

    private readonly string binary;
    private readonly string directory;
    private Process? process;

    private RedisServer(string binary)
    {
        this.binary = binary;
        Port = FreePort();
        directory = Path.Combine(Path.GetTempPath(), "kindred-redis-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
    }

    public int Port { get; }

    // Its own, not the test infrastructure's: the benchmark harness compiles this file in too.
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        var binary = Environment.GetEnvironmentVariable("KINDRED_REDIS_SERVER") is { Length: > 0 } set ? set : DefaultBinary;
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: install Debian's redis-server (scripts/test.sh does) or set KINDRED_REDIS_SERVER.");
        }
        var server = new RedisServer(binary);
        server.Resume();
        return server;
    }

    /// <summary>Starts the server (again) on its port and waits until it accepts connections.</summary>
    public void Resume()
    {
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory })
        {
            info.ArgumentList.Add(argument);
        }
        var started = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        started.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        };
        started.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            started.Kill();
            throw new InvalidOperationException("redis-server did not become ready:" + Environment.NewLine + string.Join(Environment.NewLine, output));
        }
        process = started;
    }

    /// <summary>Kills the server, as an outage would.</summary>
    public void Pause()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }
        process?.Dispose();
        process = null;
    }

    public void Dispose()
    {
        Pause();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
