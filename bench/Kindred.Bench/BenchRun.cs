using System.Diagnostics;
using System.Globalization;
using Kindred.Bench.Generation;
using Kindred.Bench.Reporting;
using Kindred.Bench.Running;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.Bench;

/// <summary>One harness run: for each database, generate the community, start the Release server on it, sign sample
/// members in, measure plaintext and every scenario, and write the records.</summary>
public sealed class BenchRun(BenchOptions options, string repositoryRoot, TextWriter log)
{
    private const int Connections = 64;
    private const int LightConnections = 4;
    private readonly string date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<ResultRecord>> RunAsync(CancellationToken ct = default)
    {
        var work = Path.Combine(repositoryRoot, "artifacts", "bench");
        var serverDirectory = Path.Combine(work, "server");
        if (!options.GenerateOnly)
        {
            ServerProcess.Publish(repositoryRoot, serverDirectory, log);
        }
        var records = new List<ResultRecord>();
        foreach (var db in options.Databases)
        {
            log.WriteLine($"scale {options.Scale.Name} ({options.Scale.Members:N0} members, {options.Scale.Posts:N0} posts) on {db}");
            var dataDirectory = Path.Combine(work, "data", $"{options.Scale.Name}-{db}");
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            Directory.CreateDirectory(dataDirectory);
            var database = db == "sqlite"
                ? BenchDatabase.Sqlite(dataDirectory)
                : BenchDatabase.Postgres(PostgresCluster.StartForBenchmark().CreateDatabase($"kindred_bench_{options.Scale.Name.ToLowerInvariant()}"), dataDirectory);
            var generation = Stopwatch.StartNew();
            await new CommunityGenerator(options.Scale, options.Seed, log).GenerateAsync(database, ct);
            log.WriteLine($"  generation took {generation.Elapsed.TotalSeconds:F0} s");
            if (!options.GenerateOnly)
            {
                records.AddRange(await MeasureAsync(serverDirectory, database, db, ct));
            }
        }
        return records;
    }

    private async Task<List<ResultRecord>> MeasureAsync(string serverDirectory, BenchDatabase database, string db, CancellationToken ct)
    {
        var records = new List<ResultRecord>();
        await using var server = await ServerProcess.StartAsync(serverDirectory, database, log, ct);
        // Idle after start, before any request beyond the readiness probe: the "≤ 150 MB idle" target.
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        records.Add(Record(db, "startup", 0, new Measurement(1, 0, server.StartupTime, server.StartupTime.TotalMilliseconds, server.StartupTime.TotalMilliseconds, server.StartupTime.TotalMilliseconds, server.ResidentMegabytes()), 0,
            "cold start to the first successful /health/ready; rss_mb is idle after start"));

        var random = new Random(options.Seed);
        var sample = Enumerable.Range(0, options.SampleMembers)
            .Select(_ => CommunityGenerator.UsernameOf(2 + random.Next(options.Scale.Members - 2))).Distinct().ToList();
        var signIn = Stopwatch.StartNew();
        var members = await SignIn.MembersAsync(server.Address, sample, ct);
        var herald = (await SignIn.MembersAsync(server.Address, [CommunityGenerator.UsernameOf(CommunityGenerator.HeraldIndex)], ct))[0];
        var watchers = await SignIn.MembersAsync(server.Address, await Scenarios.HeraldFollowersAsync(server.Address, herald, options.FanoutWatchers, ct), ct);
        log.WriteLine($"  signed in {members.Count + 1 + watchers.Count} members in {signIn.Elapsed.TotalSeconds:F1} s");
        var scenarios = new Scenarios(members, await Scenarios.RecentStatusIdsAsync(server.Address, members[0], ct), await Scenarios.GroupReadersAsync(server.Address, members, ct));

        using var http = LoadRunner.CreateClient(server.Address, Connections);
        var load = new LoadRunner(http, server);
        Task<Measurement> Measure(int connections, Func<Random, HttpRequestMessage> next) => load.RunAsync(connections, options.Warmup, options.Duration, next, options.Seed, ct);

        var plaintext = await Measure(Connections, Scenarios.Plaintext);
        var plaintextLight = await Measure(LightConnections, Scenarios.Plaintext);
        records.Add(Record(db, "plaintext", Connections, plaintext, plaintext.Rps));
        records.Add(Record(db, "plaintext", LightConnections, plaintextLight, plaintextLight.Rps));
        foreach (var scenario in options.Scenarios)
        {
            var before = records.Count;
            switch (scenario)
            {
                case "home":
                    records.Add(Record(db, "home", Connections, await Measure(Connections, scenarios.Home), plaintext.Rps));
                    records.Add(Record(db, "home", LightConnections, await Measure(LightConnections, scenarios.Home), plaintextLight.Rps));
                    break;
                case "web_home":
                    records.Add(Record(db, "web_home", Connections, await Measure(Connections, scenarios.WebHome), plaintext.Rps));
                    records.Add(Record(db, "web_home", LightConnections, await Measure(LightConnections, scenarios.WebHome), plaintextLight.Rps));
                    break;
                case "notifications":
                    records.Add(Record(db, "notifications", Connections, await Measure(Connections, scenarios.Notifications), plaintext.Rps));
                    break;
                case "group":
                    records.Add(Record(db, "group", Connections, await Measure(Connections, scenarios.Group), plaintext.Rps, "a group's timeline read by one of its members"));
                    break;
                case "search":
                    records.Add(Record(db, "search", Connections, await Measure(Connections, scenarios.Search), plaintext.Rps));
                    break;
                case "fanout":
                    records.Add(Record(db, "fanout", 1, await Scenarios.FanoutAsync(http, server, herald, watchers, options.FanoutPosts, ct), plaintext.Rps,
                        $"{CommunityGenerator.HeraldFollowers:N0}-follower account; latencies are post-to-visible in {watchers.Count} followers' home timelines; rps is posts/s"));
                    break;
                case "mixed":
                    records.Add(Record(db, "mixed", Connections, await Measure(Connections, scenarios.Mixed), plaintext.Rps, "90 % reads, 10 % writes"));
                    break;
            }
            foreach (var r in records.Skip(before))
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {r.Scenario,-14} c={r.Connections,-3} {r.Rps,8:F0} rps  ×{r.Ratio:F3}  p50 {r.P50Ms:F1}  p95 {r.P95Ms:F1}  p99 {r.P99Ms:F1} ms  errors {r.Errors}  rss {r.RssMb:F0} MB"));
            }
        }
        return records;
    }

    private ResultRecord Record(string db, string scenario, int connections, Measurement m, double plaintextRps, string? note = null) => new()
    {
        Scale = options.Scale.Name,
        Db = db,
        Scenario = scenario,
        Connections = connections,
        Rps = Math.Round(m.Rps, 1),
        P50Ms = Math.Round(m.P50, 2),
        P95Ms = Math.Round(m.P95, 2),
        P99Ms = Math.Round(m.P99, 2),
        Errors = m.Errors,
        PlaintextRps = Math.Round(plaintextRps, 1),
        Ratio = plaintextRps > 0 ? Math.Round(m.Rps / plaintextRps, 4) : 0,
        RssMb = Math.Round(m.PeakRssMb, 1),
        Date = date,
        Note = note,
    };
}
