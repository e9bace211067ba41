using System.Diagnostics;

namespace Kindred.Bench.Running;

/// <summary>
/// SQL statements per request of one scenario, counted on a server started with EF Core's command log on
/// (<see cref="ServerProcess.StartAsync"/> with <c>countSql</c>): warm requests first, so every sample member's token
/// and the caches are in use as under load, then requests one at a time. The statements the background jobs run in the
/// same time are estimated from an idle second and taken off. That server is never timed: logging costs CPU.
/// </summary>
public static class SqlProbe
{
    private const int Warm = 100;
    private const int Counted = 100;

    /// <summary>Log lines reach the harness through the server's console queue and a pipe; this is long enough for both.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    public static async Task<double> PerRequestAsync(HttpClient http, ServerProcess server, Func<Random, HttpRequestMessage> next, int seed, CancellationToken ct = default)
    {
        var random = new Random(seed);
        for (var i = 0; i < Warm; i++)
        {
            await SendAsync(http, next(random), ct);
        }
        await Task.Delay(Settle, ct);
        var idleFrom = server.SqlCommands;
        var idle = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var idleRate = (server.SqlCommands - idleFrom) / idle.Elapsed.TotalSeconds;
        var from = server.SqlCommands;
        var busy = Stopwatch.StartNew();
        for (var i = 0; i < Counted; i++)
        {
            await SendAsync(http, next(random), ct);
        }
        var busyTime = busy.Elapsed;
        await Task.Delay(Settle, ct);
        var counted = server.SqlCommands - from - idleRate * (busyTime + Settle).TotalSeconds;
        return Math.Max(0, counted) / Counted;
    }

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The SQL probe's {request.Method} {request.RequestUri} answered {(int)response.StatusCode}.");
            }
        }
    }
}
