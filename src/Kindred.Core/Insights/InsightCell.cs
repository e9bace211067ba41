namespace Kindred.Core.Insights;

/// <summary>
/// One figure. <see cref="Suppressed"/> means it was computed over fewer than <see cref="InsightsPrivacy.MinimumPeople"/>
/// people and its value was dropped before it was stored (the page, the PDF, the CSV and the charts all show
/// "fewer than 5"); a null <see cref="Value"/> that is not suppressed means there was nothing to measure.
/// </summary>
public sealed record InsightCell(double? Value, InsightUnit Unit, bool Suppressed = false)
{
    public static InsightCell Text => new(null, InsightUnit.Count);
}
