using System.Globalization;
using System.Net;
using Kindred.Bench.Generation;
using Kindred.IntegrationTests.MultiNode;

namespace Kindred.Bench.Running;

/// <summary>
/// The two-node scenario (issue 20, ADR 99): the mixed load through Debian's HAProxy (configured from
/// docs/deploy/haproxy.cfg) onto one node, then onto two, in the same run, on the same PostgreSQL database, both with one
/// redis-server, so the only difference is the number of nodes. Every process shares this machine's cores: the result
/// says what a second node costs and gains here, not what a second machine would.
/// </summary>
public sealed class NodesRun(string repositoryRoot, string serverDirectory, BenchDatabase database, TextWriter log)
{
    public async Task<IReadOnlyList<(int Nodes, Measurement Measurement, string Note)>> RunAsync(IReadOnlyList<string> sample, int connections, TimeSpan warmup, TimeSpan duration, int seed, CancellationToken ct)
    {
        using var redis = RedisServer.Start();
        var results = new List<(int, Measurement, string)>();
        foreach (var count in new[] { 1, 2 })
        {
            var proxyPort = ServerProcess.FreePort();
            var proxy = new Uri($"http://127.0.0.1:{proxyPort.ToString(CultureInfo.InvariantCulture)}");
            var settings = new Dictionary<string, string>
            {
                ["Kindred__Redis__ConnectionString"] = redis.ConnectionString,
                // Tokens name the load balancer's address as their issuer, as on a real install.
                ["Kindred__PublicUrl"] = proxy.ToString().TrimEnd('/'),
            };
            var servers = new List<ServerProcess>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    servers.Add(await ServerProcess.StartAsync(serverDirectory, database, log, extraSettings: settings, ct: ct));
                }
                using var haproxy = await HaproxyServer.StartAsync(repositoryRoot, proxyPort, [.. servers.Select(s => s.Address.Port)]);
                await EveryNodeUpAsync(proxy, count, ct);
                var members = await SignIn.MembersAsync(proxy, sample, ct);
                var scenarios = new Scenarios(members, await Scenarios.RecentStatusIdsAsync(proxy, members[0], ct), []);
                using var http = LoadRunner.CreateClient(proxy, connections);
                var before = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                var measurement = await new LoadRunner(http, servers[0]).RunAsync(connections, warmup, duration, scenarios.Mixed, seed, ct);
                var after = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                var note = string.Create(CultureInfo.InvariantCulture,
                    $"90 % reads, 10 % writes through HAProxy onto {count} node{(count == 1 ? "" : "s")} with Redis; all on this machine's cores; load average {before} before, {after} after; RSS and CPU are the first node's");
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  mixed, {count} node(s) c={connections} {measurement.Rps,8:F0} rps  p50 {measurement.P50:F1}  p95 {measurement.P95:F1}  p99 {measurement.P99:F1} ms  errors {measurement.Errors}  load {before} → {after}"));
                results.Add((count, measurement, note));
            }
            finally
            {
                foreach (var server in servers)
                {
                    await server.DisposeAsync();
                }
            }
        }
        return results;
    }

    /// <summary>Waits until HAProxy's health checks let requests reach every node (it names the answering one).</summary>
    private static async Task EveryNodeUpAsync(Uri proxy, int count, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(5) };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (seen.Count < count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"HAProxy reached {seen.Count} of {count} nodes in a minute.");
            }
            try
            {
                using var answer = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
                if (answer.StatusCode == HttpStatusCode.OK && answer.Headers.TryGetValues(HaproxyServer.NodeHeader, out var names))
                {
                    seen.UnionWith(names);
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100, ct);
        }
    }
}
