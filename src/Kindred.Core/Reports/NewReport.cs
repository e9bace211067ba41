using Kindred.Data.Entities;

namespace Kindred.Core.Reports;

/// <summary>What a member reports. <paramref name="Category"/> is null when the member did not choose one.</summary>
public sealed record NewReport(
    long TargetAccountId,
    IReadOnlyList<long> StatusIds,
    string? Comment,
    ReportCategory? Category,
    IReadOnlyList<long> RuleIds,
    bool Forward = false);
