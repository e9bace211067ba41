using System.Diagnostics;
using System.Globalization;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Media;

/// <summary>
/// A real S3-compatible server on a free loopback port for the media-store tests (ADR 98): npm's s3rver 3.7.1, pinned in
/// tests/tools/s3rver and installed by scripts/test.sh, run by the system's Node, with the bucket "kindred" made at start.
/// Missing is an error, never a skip (as for PostgreSQL and redis-server). It can be stopped and started again on the same
/// port and folder, to show what the server does while its store is away.
/// </summary>
public sealed class S3Server : IDisposable
{
    public const string Bucket = "kindred";

    /// <summary>s3rver's fixed credentials.</summary>
    public const string AccessKey = "S3RVER";

    private readonly string script;
    private readonly string directory;
    private Process? process;

    private S3Server(string script)
    {
        this.script = script;
        Port = DigestApp.FreePort();
        directory = Path.Combine(Path.GetTempPath(), "kindred-s3-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>The server's settings for a Kindred that keeps its media in this store.</summary>
    public IEnumerable<(string Key, string Value)> Settings()
    {
        yield return ("Kindred:Media:Store", "s3");
        yield return ("Kindred:Media:S3:Endpoint", Endpoint);
        yield return ("Kindred:Media:S3:Bucket", Bucket);
        yield return ("Kindred:Media:S3:AccessKey", AccessKey);
        yield return ("Kindred:Media:S3:SecretKey", AccessKey);
        yield return ("Kindred:Media:S3:PathStyle", "true");
        yield return ("Kindred:Media:S3:TimeoutSeconds", "5");
    }

    public static S3Server Start()
    {
        var script = Environment.GetEnvironmentVariable("KINDRED_S3RVER") is { Length: > 0 } set ? set
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js"));
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run `npm ci --prefix tests/tools/s3rver` (scripts/test.sh does) or set KINDRED_S3RVER.");
        }
        var server = new S3Server(script);
        server.Resume();
        return server;
    }

    /// <summary>Starts the server (again) on its port and folder and waits until it accepts requests.</summary>
    public void Resume()
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[] { script, "-d", directory, "-a", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket })
        {
            info.ArgumentList.Add(argument);
        }
        var started = Process.Start(info) ?? throw new InvalidOperationException("s3rver did not start.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        started.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                if (line.Contains("listening on", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        };
        started.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        // Node takes several seconds to start on a busy machine.
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            started.Kill();
            throw new InvalidOperationException("s3rver did not become ready:" + Environment.NewLine + string.Join(Environment.NewLine, output));
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
