namespace Kindred.Core.Insights;

/// <summary>How a table is drawn beside its data: not at all, as a line over time, or as bars.</summary>
public enum InsightChart
{
    None = 0,
    Line = 1,
    Bars = 2,
}
