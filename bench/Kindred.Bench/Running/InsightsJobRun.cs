using System.Diagnostics;
using Kindred.Bench.Generation;
using Kindred.Core.Insights;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Bench.Running;

/// <summary>
/// The "insights" scenario: computes the recurring insights snapshot (the last year, as the job does) on the generated
/// community in this process and measures how long it takes, how much it allocates and the process's peak RSS while it
/// runs. It is the job's cost, not a request's: the page only reads the stored snapshot (ADR 57).
/// </summary>
public static class InsightsJobRun
{
    public static async Task<(Measurement Measurement, string Note)> RunAsync(BenchDatabase database, TextWriter log, CancellationToken ct)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var baseline = ResidentMegabytes();
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentMegabytes());
                try
                {
                    await Task.Delay(20, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        InsightFigures figures;
        await using (var db = database.CreateContext())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var now = DateTime.UtcNow;
            figures = await new InsightsCalculator(db, TimeProvider.System).ComputeAsync(now.AddDays(-InsightsService.MaxDays + 1), now, ct);
        }
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        peak = Math.Max(peak, ResidentMegabytes());
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / 1024.0;
        // Under the server GC's dynamic heap count the total can go backwards when a heap is retired (dotnet/runtime
        // pull 131069); a negative difference is no measurement, so it is reported as such rather than as a number.
        var allocated = allocatedMb >= 0 ? FormattableString.Invariant($"{allocatedMb:F0} MB allocated") : "allocation not measured (the GC's total went backwards)";
        var members = figures.Tables.First(t => t.Id == "ties-summary").Rows[0].Cells[0].Value ?? 0;
        var note = FormattableString.Invariant(
            $"the insights job in-process over the last 365 days: {members:N0} members, {figures.Tables.Count} tables; {allocated}; RSS {baseline:F0} MB before, peak {peak:F0} MB; rps is runs/s, latencies are the run's duration");
        log.WriteLine(FormattableString.Invariant($"  insights job: {clock.Elapsed.TotalSeconds:F1} s, {allocated}, peak RSS {peak:F0} MB (from {baseline:F0} MB)"));
        var ms = clock.Elapsed.TotalMilliseconds;
        return (new Measurement(1, 0, clock.Elapsed, ms, ms, ms, peak), note);
    }

    private static double ResidentMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }
}
