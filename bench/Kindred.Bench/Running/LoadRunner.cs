using System.Diagnostics;

namespace Kindred.Bench.Running;

/// <summary>
/// A closed-loop load generator on HttpClient: <c>connections</c> workers, each sending its next request as soon as the
/// previous answer has been read in full. Answers that arrive during the warm-up are not counted. Any non-2xx answer or exception
/// is an error. The server's RSS is sampled throughout and the peak reported; CPU is sampled when the warm-up ends and
/// when the last measured answer arrives, so the server's CPU per request and the load generator's own share of the
/// cores are read over the warm window only (issue 19, item 7).
/// </summary>
public sealed class LoadRunner(HttpClient http, ServerProcess server)
{
    public async Task<Measurement> RunAsync(int connections, TimeSpan warmup, TimeSpan duration, Func<Random, HttpRequestMessage> next, int seed = 1, CancellationToken ct = default)
    {
        var latencies = new List<double>[connections];
        var errors = new long[connections];
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup;
        var stopAt = warmup + duration;
        double peakRss = 0;
        // The warm-up's end is sampled by a timer rather than by the workers, which may all be waiting on answers then.
        var cpuAtStart = Task.Run(async () =>
        {
            await Task.Delay(warmup, ct);
            return CpuSample.Take(server.ProcessId);
        }, ct);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, server.ResidentMegabytes());
                try
                {
                    await Task.Delay(100, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }, CancellationToken.None);
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed * 1_000 + w);
            var mine = latencies[w] = [];
            while (clock.Elapsed < stopAt)
            {
                using var request = next(random);
                var started = clock.Elapsed;
                var ok = false;
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                }
                var finished = clock.Elapsed;
                if (finished >= measureFrom)
                {
                    if (ok)
                    {
                        mine.Add((finished - started).TotalMilliseconds);
                    }
                    else
                    {
                        errors[w]++;
                    }
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        var cpuAtEnd = CpuSample.Take(server.ProcessId);
        var elapsed = clock.Elapsed - measureFrom;
        await sampling.CancelAsync();
        await sampler;
        var measured = Measurement.From(latencies.SelectMany(l => l).ToList(), errors.Sum(), elapsed, peakRss);
        return measured with { Cpu = cpuAtEnd.Since(await cpuAtStart, measured.Requests) };
    }

    public static HttpClient CreateClient(Uri address, int connections) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(30),
    };
}
