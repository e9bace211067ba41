namespace Kindred.Core.Insights;

/// <summary>What a figure measures, so each front door formats it (a count, a share between 0 and 1, hours, a ratio).</summary>
public enum InsightUnit
{
    Count = 0,
    Share = 1,
    Hours = 2,
    Ratio = 3,
}
