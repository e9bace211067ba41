using Kindred.Core.Reports;

namespace Kindred.Core.Moderation;

/// <summary>The moderation queue: the open reports and the latest decided ones.</summary>
public sealed record ReportQueue(IReadOnlyList<ListedReport> Open, IReadOnlyList<ListedReport> Closed);
