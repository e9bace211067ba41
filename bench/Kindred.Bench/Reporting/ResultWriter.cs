using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kindred.Bench.Reporting;

/// <summary>Writes a run's records: merged into <c>latest.json</c> (replacing earlier records of the same scale, database
/// and kind), a dated markdown copy, and the summary table in BENCHMARKS.md between its markers.</summary>
public static class ResultWriter
{
    private const string StartMarker = "<!-- results:start -->";
    private const string EndMarker = "<!-- results:end -->";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Write(string directory, IReadOnlyList<ResultRecord> run, string? benchmarksFile, TextWriter log)
    {
        Directory.CreateDirectory(directory);
        var latestPath = Path.Combine(directory, "latest.json");
        var earlier = File.Exists(latestPath) ? JsonSerializer.Deserialize<List<ResultRecord>>(File.ReadAllText(latestPath)) ?? [] : [];
        // A durability run (kill -9 rounds), an insights job run and a speed run replace only their own kind of record:
        // timing the insights job at scale L must not drop the load results measured at L before.
        var replaced = run.Select(r => (r.Scale, r.Db, Kind(r))).ToHashSet();
        var merged = earlier.Where(r => !replaced.Contains((r.Scale, r.Db, Kind(r)))).Concat(run)
            .OrderBy(r => r.Scale).ThenBy(r => r.Db).ToList();
        File.WriteAllText(latestPath, JsonSerializer.Serialize(merged, Json) + "\n");
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var group in run.GroupBy(r => (r.Scale, r.Db, Kind: Kind(r))))
        {
            var path = Path.Combine(directory, $"{date}-{group.Key.Scale}-{group.Key.Db}{(group.Key.Kind == "speed" ? "" : "-" + group.Key.Kind)}.md");
            File.WriteAllText(path, $"# Kindred benchmark, scale {group.Key.Scale}, {group.Key.Db}, {date}\n\n{Table(group.ToList())}");
            log.WriteLine($"  wrote {path}");
        }
        log.WriteLine($"  wrote {latestPath}");
        if (benchmarksFile is not null && File.Exists(benchmarksFile))
        {
            var text = File.ReadAllText(benchmarksFile);
            var start = text.IndexOf(StartMarker, StringComparison.Ordinal);
            var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
            if (start >= 0 && end > start)
            {
                text = text[..(start + StartMarker.Length)] + "\n" + Table(merged) + text[end..];
                File.WriteAllText(benchmarksFile, text);
                log.WriteLine($"  updated {benchmarksFile}");
            }
        }
    }

    private static string Kind(ResultRecord record) => record.Scenario is "durability" or "insights" ? record.Scenario : "speed";

    public static string Table(IReadOnlyList<ResultRecord> records)
    {
        var table = new StringBuilder();
        table.AppendLine("| scale | db | scenario | conns | rps | × plaintext | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | server CPU ms/req | SQL/req | harness CPU | others' CPU | date |");
        table.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in records)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scale} | {r.Db} | {r.Scenario}{(r.Note is null ? "" : $" ({r.Note})")} | {r.Connections} | {r.Rps:F0} | {r.Ratio:F3} | {r.P50Ms:F1} | {r.P95Ms:F1} | {r.P99Ms:F1} | {r.Errors} | {r.RssMb:F0} | {Number(r.ServerCpuMsPerRequest, "F2")} | {Number(r.SqlPerRequest, "F1")} | {Share(r.HarnessCpuShare)} | {Share(r.OtherCpuShare)} | {r.Date} |");
        }
        return table.ToString();
    }

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    private static string Share(double? value) => value is { } v ? (v * 100).ToString("F0", CultureInfo.InvariantCulture) + " %" : "";
}
