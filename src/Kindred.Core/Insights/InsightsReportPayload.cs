namespace Kindred.Core.Insights;

/// <summary>The payload of an <c>insights.report</c> job: the snapshot row to fill.</summary>
public sealed record InsightsReportPayload(long SnapshotId);
