namespace Kindred.Core.Insights;

/// <summary>
/// The one rule every figure passes before it is stored (ADR 57): a figure about fewer than five people is kept only
/// as "fewer than 5", so the page, the PDF, the CSV and the chart data cannot show it; a count of nobody stays 0.
/// </summary>
public static class InsightsPrivacy
{
    public const int MinimumPeople = 5;

    /// <summary>A count of people (or of things each tied to people, such as requests).</summary>
    public static InsightCell Count(int count) =>
        count is > 0 and < MinimumPeople ? new InsightCell(null, InsightUnit.Count, Suppressed: true) : new InsightCell(count, InsightUnit.Count);

    /// <summary>A figure of <paramref name="unit"/> computed over <paramref name="people"/> people: kept from five on.</summary>
    public static InsightCell Over(int people, double? value, InsightUnit unit) =>
        people is > 0 and < MinimumPeople ? new InsightCell(null, unit, Suppressed: true) : new InsightCell(value, unit);

    /// <summary><paramref name="part"/> ÷ <paramref name="whole"/> as a share, suppressed when either side counts fewer than five people.</summary>
    public static InsightCell Share(int part, int whole) =>
        (part is > 0 and < MinimumPeople) || (whole is > 0 and < MinimumPeople)
            ? new InsightCell(null, InsightUnit.Share, Suppressed: true)
            : new InsightCell(whole == 0 ? null : (double)part / whole, InsightUnit.Share);
}
