namespace Kindred.Core.Insights;

/// <summary>One row of a table: a label (a month, a chapter, a category slug, a username for staff-only lists) and its figures.</summary>
public sealed record InsightRow(string Label, IReadOnlyList<InsightCell> Cells);
