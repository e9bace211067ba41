namespace Kindred.Bench.Running;

/// <summary>What one scenario run produced. Latencies are in milliseconds.</summary>
public sealed record Measurement(long Requests, long Errors, TimeSpan Elapsed, double P50, double P95, double P99, double PeakRssMb)
{
    /// <summary>The server's CPU per request and the cores' shares over the measured window (after the warm-up).</summary>
    public CpuShare Cpu { get; init; } = CpuShare.None;

    /// <summary>SQL statements per request, from a separate probe run (<see cref="SqlProbe"/>); null when not probed.</summary>
    public double? SqlPerRequest { get; init; }

    public double Rps => Elapsed.TotalSeconds > 0 ? Requests / Elapsed.TotalSeconds : 0;

    public static Measurement From(List<double> latencies, long errors, TimeSpan elapsed, double peakRssMb)
    {
        latencies.Sort();
        return new Measurement(latencies.Count, errors, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), peakRssMb);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
