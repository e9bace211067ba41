using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Insights;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Insights;

/// <summary>How a figure reads on the page and in the PDF: in the reader's culture, "fewer than 5" where it was
/// suppressed, a dash where there was nothing to measure.</summary>
public static class InsightFormat
{
    public const string FewerThanFive = "fewer than 5";

    public static string Show(InsightCell cell, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(localizer);
        if (cell.Suppressed)
        {
            return localizer[FewerThanFive];
        }
        if (cell.Value is not { } v)
        {
            return "–";
        }
        var culture = CultureInfo.CurrentCulture;
        return cell.Unit switch
        {
            InsightUnit.Share => v.ToString("P0", culture),
            InsightUnit.Hours => localizer["{0} h", v.ToString("N1", culture)],
            InsightUnit.Ratio => v.ToString("N2", culture),
            _ => v.ToString("N0", culture),
        };
    }

    /// <summary>The label of a row: an empty area is "No area given"; text labels are translated, data labels stay.</summary>
    public static string Label(string label, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return label.Length == 0 ? localizer["No area given"] : localizer[label];
    }

    /// <summary>A UTC instant as a day in the time zone the figures were cut in (the organization's).</summary>
    public static string Day(DateTime utc, string zoneId) => Local(utc, zoneId).ToString("D", CultureInfo.CurrentCulture);

    /// <summary>The last day of a period that ends (exclusive) at <paramref name="end"/>.</summary>
    public static string LastDay(DateTime end, string zoneId) => Local(end.AddTicks(-1), zoneId).ToString("D", CultureInfo.CurrentCulture);

    public static string Time(DateTime utc, string zoneId) => Local(utc, zoneId).ToString("f", CultureInfo.CurrentCulture);

    private static DateTime Local(DateTime utc, string zoneId)
    {
        var zone = TimeZones.Find(zoneId);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
    }
}
