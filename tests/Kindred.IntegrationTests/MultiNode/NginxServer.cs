using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// Debian's nginx in front of the test's nodes, run from <c>docs/deploy/nginx.conf</c> itself (ADR 103), as
/// <see cref="HaproxyServer"/> runs the HAProxy sample: only the listen lines and the upstream's server lines are
/// replaced, and the certificate lines (files only root has) dropped. The sample is a site file, so a small main
/// configuration around it keeps every path (pid, logs, temporary files) in a temporary folder and runs one process
/// as the current user in the foreground. A missing binary is an error, never a skip.
/// </summary>
public sealed partial class NginxServer : IDisposable
{
    /// <summary>Where Debian's nginx package puts it; KINDRED_NGINX overrides.</summary>
    public const string DefaultBinary = "/usr/sbin/nginx";

    private readonly RunningServer process;

    private NginxServer(RunningServer process, int port, int redirectPort)
    {
        this.process = process;
        Port = port;
        RedirectPort = redirectPort;
    }

    /// <summary>Where the sample's main server (443 in production) listens.</summary>
    public int Port { get; }

    /// <summary>Where the sample's redirecting server (80 in production) listens.</summary>
    public int RedirectPort { get; }

    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public IReadOnlyList<string> Lines => process.Lines;

    // An upstream member: "server" followed by an address (a site's "server {" and "server_name" do not match).
    [GeneratedRegex(@"^(\s*)server\s+\d[\d.]*:\d+(.*)$")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"^(\s*)listen\s+(.*);\s*$")]
    private static partial Regex Listen();

    [GeneratedRegex(@"^\s*(ssl_certificate|ssl_certificate_key)\s")]
    private static partial Regex Dropped();

    /// <summary>Starts nginx on <paramref name="port"/> (and <paramref name="redirectPort"/> for the plain-HTTP server)
    /// in front of the nodes on <paramref name="nodePorts"/>, and waits until it listens.</summary>
    public static async Task<NginxServer> StartAsync(string repositoryRoot, int port, int redirectPort, IReadOnlyList<int> nodePorts)
    {
        var binary = Environment.GetEnvironmentVariable("KINDRED_NGINX") is { Length: > 0 } set ? set : DefaultBinary;
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: install Debian's nginx (scripts/test.sh does) or set KINDRED_NGINX.");
        }
        var sample = await File.ReadAllLinesAsync(Path.Combine(repositoryRoot, "docs", "deploy", "nginx.conf"));
        var site = Site(sample, [port, redirectPort], nodePorts);
        var directory = Directory.CreateTempSubdirectory("kindred-nginx-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "kindred.conf"), site);
        var main = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(main, $$"""
            daemon off;
            master_process off;
            pid {{directory}}/nginx.pid;
            error_log stderr notice;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/kindred.conf;
            }
            """);
        // -e: the error log before the configuration is read, which would otherwise be /var/log/nginx (root's).
        var info = new ProcessStartInfo(binary, ["-p", directory, "-c", main, "-e", "stderr"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        var running = new RunningServer(Process.Start(info)!, directory);
        var clock = Stopwatch.StartNew();
        while (!Listening(port) || !Listening(redirectPort))
        {
            if (running.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                var lines = string.Join(Environment.NewLine, running.Lines);
                running.Dispose();
                throw new InvalidOperationException($"nginx did not listen on {port}:{Environment.NewLine}{lines}{Environment.NewLine}{site}");
            }
            await Task.Delay(100);
        }
        return new NginxServer(running, port, redirectPort);
    }

    /// <summary>The sample with each server block's listen lines on the next of <paramref name="listenPorts"/> (IPv6
    /// lines dropped), the upstream's members on <paramref name="nodePorts"/> with the sample's parameters.</summary>
    private static string Site(string[] sample, int[] listenPorts, IReadOnlyList<int> nodePorts)
    {
        var site = new StringBuilder();
        var servers = 0;
        var membersWritten = false;
        var listened = false;
        foreach (var line in sample)
        {
            if (line.TrimStart().StartsWith("server {", StringComparison.Ordinal))
            {
                servers++;
                listened = false;
            }
            if (Dropped().IsMatch(line))
            {
                continue;
            }
            if (UpstreamServer().Match(line) is { Success: true } member)
            {
                if (!membersWritten)
                {
                    foreach (var nodePort in nodePorts)
                    {
                        site.Append(CultureInfo.InvariantCulture, $"{member.Groups[1].Value}server 127.0.0.1:{nodePort}{member.Groups[2].Value}").Append('\n');
                    }
                    membersWritten = true;
                }
                continue;
            }
            if (Listen().Match(line) is { Success: true } listen)
            {
                if (!listened && servers >= 1 && servers <= listenPorts.Length)
                {
                    site.Append(CultureInfo.InvariantCulture, $"{listen.Groups[1].Value}listen 127.0.0.1:{listenPorts[servers - 1]};").Append('\n');
                    listened = true;
                }
                continue;
            }
            site.Append(line).Append('\n');
        }
        if (!membersWritten || servers != listenPorts.Length)
        {
            throw new InvalidOperationException($"docs/deploy/nginx.conf no longer has an upstream with server lines and {listenPorts.Length} server blocks.");
        }
        return site.ToString();
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

    public void Dispose() => process.Dispose();
}
