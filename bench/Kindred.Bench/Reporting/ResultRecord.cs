using System.Text.Json.Serialization;

namespace Kindred.Bench.Reporting;

/// <summary>One line of bench/results/latest.json (issue 6). <c>connections</c>, <c>date</c> and <c>note</c> are
/// additions: the light-load runs share a scenario name with the 64-connection runs. The CPU fields (issue 19, item 7)
/// are the server's CPU per measured request and the load generator's and everything else's share of all cores in the
/// same window; <c>sql_per_request</c> comes from a separate probe server (SqlProbe). Records from before have none.</summary>
public sealed record ResultRecord
{
    [JsonPropertyName("scale")] public required string Scale { get; init; }
    [JsonPropertyName("db")] public required string Db { get; init; }
    [JsonPropertyName("scenario")] public required string Scenario { get; init; }
    [JsonPropertyName("connections")] public int Connections { get; init; }
    [JsonPropertyName("rps")] public double Rps { get; init; }
    [JsonPropertyName("p50_ms")] public double P50Ms { get; init; }
    [JsonPropertyName("p95_ms")] public double P95Ms { get; init; }
    [JsonPropertyName("p99_ms")] public double P99Ms { get; init; }
    [JsonPropertyName("errors")] public long Errors { get; init; }
    [JsonPropertyName("plaintext_rps")] public double PlaintextRps { get; init; }
    [JsonPropertyName("ratio")] public double Ratio { get; init; }
    [JsonPropertyName("rss_mb")] public double RssMb { get; init; }
    [JsonPropertyName("server_cpu_ms_per_request")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? ServerCpuMsPerRequest { get; init; }
    [JsonPropertyName("sql_per_request")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? SqlPerRequest { get; init; }
    [JsonPropertyName("harness_cpu_share")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? HarnessCpuShare { get; init; }
    [JsonPropertyName("other_cpu_share")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? OtherCpuShare { get; init; }
    [JsonPropertyName("date")] public string Date { get; init; } = "";
    [JsonPropertyName("note")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Note { get; init; }
}
