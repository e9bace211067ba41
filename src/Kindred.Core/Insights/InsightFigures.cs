using System.Text.Json.Serialization;

namespace Kindred.Core.Insights;

/// <summary>Every figure of one period [<paramref name="From"/>, <paramref name="To"/>) as computed at
/// <paramref name="ComputedAt"/>, its months and weeks cut in the organization's time zone <paramref name="TimeZone"/>.</summary>
public sealed record InsightFigures(DateTime From, DateTime To, DateTime ComputedAt, string TimeZone, IReadOnlyList<InsightTable> Tables)
{
    /// <summary>The tables a funder may see: everything but the staff-only lists of people.</summary>
    [JsonIgnore]
    public IEnumerable<InsightTable> ForFunder => Tables.Where(t => !t.StaffOnly);
}
