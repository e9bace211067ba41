using System.Collections.Concurrent;
using System.Diagnostics;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// A server the tests run beside Kindred as a child process (redis-server, s3rver) on a free loopback port with a
/// folder of its own. It can be killed and started again on the same port and folder, to show what Kindred does while
/// it is away. The benchmark harness compiles this file in too, so it uses nothing else of the test infrastructure.
/// </summary>
public abstract class HelperServer : IDisposable
{
    private Process? process;

    protected HelperServer(string name)
    {
        Port = FreePort();
        Folder = Path.Combine(Path.GetTempPath(), $"kindred-{name}-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
    }

    public int Port { get; }

    protected string Folder { get; }

    /// <summary>The program and its arguments.</summary>
    protected abstract ProcessStartInfo StartInfo();

    /// <summary>The part of an output line that says the server accepts requests.</summary>
    protected abstract string ReadyLine { get; }

    /// <summary>How long it may take to say so (Node takes several seconds on a busy machine).</summary>
    protected virtual TimeSpan ReadyWithin => TimeSpan.FromSeconds(30);

    /// <summary>Starts the server (again) on its port and folder and waits until it accepts requests.</summary>
    public void Resume()
    {
        var info = StartInfo();
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.WorkingDirectory = Folder;
        var started = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        started.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                if (line.Contains(ReadyLine, StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        };
        started.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        if (!ready.Task.Wait(ReadyWithin))
        {
            started.Kill();
            throw new InvalidOperationException($"{info.FileName} did not become ready:" + Environment.NewLine + string.Join(Environment.NewLine, output));
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
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        GC.SuppressFinalize(this);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
