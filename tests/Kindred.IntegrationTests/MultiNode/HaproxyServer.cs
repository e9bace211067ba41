using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// Debian's HAProxy in front of the test's nodes, run from <c>docs/deploy/haproxy.cfg</c> itself, so the sample an
/// operator copies is the configuration these tests prove: only the listening address and the server lines are
/// replaced (and the lines that need root or a system folder are dropped). A missing binary is an error, never a skip.
/// The benchmark harness compiles this file in for its two-node scenario.
/// </summary>
public sealed partial class HaproxyServer : IDisposable
{
    /// <summary>Where Debian's haproxy package puts it; KINDRED_HAPROXY overrides.</summary>
    public const string DefaultBinary = "/usr/sbin/haproxy";

    private readonly RunningServer process;

    private HaproxyServer(RunningServer process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The response header the sample adds: which server answered.</summary>
    public const string NodeHeader = "X-Kindred-Node";

    [GeneratedRegex(@"^\s*(server|bind|user|group|chroot|daemon|stats socket)\b.*$", RegexOptions.Multiline)]
    private static partial Regex ReplacedLines();

    [GeneratedRegex(@"^backend kindred_nodes$", RegexOptions.Multiline)]
    private static partial Regex Backend();

    [GeneratedRegex(@"^frontend kindred$", RegexOptions.Multiline)]
    private static partial Regex Frontend();

    /// <summary>Starts HAProxy on <paramref name="port"/> in front of the nodes on <paramref name="nodePorts"/>, from the
    /// sample in the repository at <paramref name="repositoryRoot"/>, and waits until it listens.</summary>
    public static async Task<HaproxyServer> StartAsync(string repositoryRoot, int port, IReadOnlyList<int> nodePorts)
    {
        var binary = Environment.GetEnvironmentVariable("KINDRED_HAPROXY") is { Length: > 0 } set ? set : DefaultBinary;
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: install Debian's haproxy (scripts/test.sh does) or set KINDRED_HAPROXY.");
        }
        var sample = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "docs", "deploy", "haproxy.cfg"));
        if (!Frontend().IsMatch(sample) || !Backend().IsMatch(sample))
        {
            throw new InvalidOperationException("docs/deploy/haproxy.cfg no longer has \"frontend kindred\" and \"backend kindred_nodes\" lines.");
        }
        var config = ReplacedLines().Replace(sample, "");
        config = Frontend().Replace(config, $"frontend kindred\n    bind 127.0.0.1:{port}");
        var servers = string.Concat(nodePorts.Select((p, i) => $"\n    server node{i + 1} 127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"));
        config = Backend().Replace(config, "backend kindred_nodes" + servers);
        var directory = Directory.CreateTempSubdirectory("kindred-haproxy-").FullName;
        var file = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(file, config);
        var info = new ProcessStartInfo(binary, ["-db", "-f", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        var running = new RunningServer(Process.Start(info)!, directory);
        var clock = Stopwatch.StartNew();
        while (!Listening(port))
        {
            if (running.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                var lines = string.Join(Environment.NewLine, running.Lines);
                running.Dispose();
                throw new InvalidOperationException($"haproxy did not listen on {port}:{Environment.NewLine}{lines}{Environment.NewLine}{config}");
            }
            await Task.Delay(100);
        }
        return new HaproxyServer(running, port);
    }

    private static bool Listening(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public IReadOnlyList<string> Lines => process.Lines;

    public void Dispose()
    {
        // Also deletes the folder of its configuration (its working directory).
        process.Dispose();
    }
}
