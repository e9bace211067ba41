using System.Text;
using Kindred.Core.Insights;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Insights;

/// <summary>
/// Draws a table as an SVG chart with ScottPlot. The chart is shown as an image with a text alternative and the table
/// beside it carries every value, so nothing is only in the picture. Suppressed and empty figures are left out of the
/// chart (a gap, not a zero), exactly as the table shows "fewer than 5".
/// </summary>
public static class InsightCharts
{
    public const int Width = 720;
    public const int Height = 300;

    /// <summary>The chart as SVG markup, or null for a table that is not charted or has nothing to draw.</summary>
    public static string? Svg(InsightTable table, IStringLocalizer localizer) => Plot(table, localizer)?.GetSvgXml(Width, Height);

    /// <summary>The chart as a PNG for the PDF, or null as for <see cref="Svg"/>.</summary>
    public static byte[]? Png(InsightTable table, IStringLocalizer localizer) => Plot(table, localizer)?.GetImageBytes(Width, Height, ScottPlot.ImageFormat.Png);

    private static ScottPlot.Plot? Plot(InsightTable table, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(localizer);
        if (table.Chart == InsightChart.None || table.Rows.Count == 0 || !table.Rows.Any(r => r.Cells.Any(c => c.Value is not null)))
        {
            return null;
        }
        var plot = new ScottPlot.Plot();
        var positions = Enumerable.Range(0, table.Rows.Count).Select(i => (double)i).ToArray();
        var labels = table.Rows.Select(r => InsightFormat.Label(r.Label, localizer)).ToArray();
        if (table.Chart == InsightChart.Line)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var points = table.Rows.Select((r, i) => (X: (double)i, Y: r.Cells[c].Value)).Where(p => p.Y is not null).ToList();
                if (points.Count == 0)
                {
                    continue;
                }
                var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => Plotted(p.Y!.Value, table.Rows[0].Cells[c].Unit)).ToArray());
                line.LegendText = localizer[table.Columns[c]];
            }
            plot.ShowLegend();
        }
        else
        {
            // Bars show the first column, the table's main figure.
            var bars = table.Rows.Select((r, i) => new ScottPlot.Bar { Position = i, Value = r.Cells[0].Value is { } v ? Plotted(v, r.Cells[0].Unit) : 0 })
                .Where((b, i) => table.Rows[i].Cells[0].Value is not null).ToList();
            plot.Add.Bars(bars);
            plot.Axes.Margins(bottom: 0);
        }
        // Every label on few rows, every few otherwise, so they stay legible.
        var step = Math.Max(1, table.Rows.Count / 12);
        var ticks = positions.Where((_, i) => i % step == 0).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, ticks.Select(t => labels[(int)t]).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = table.Rows.Count > 6 ? -35 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = table.Rows.Count > 6 ? ScottPlot.Alignment.MiddleRight : ScottPlot.Alignment.UpperCenter;
        plot.Title(localizer[table.Title]);
        return plot;
    }

    /// <summary>The chart as a data: URL for an &lt;img&gt;: an image cannot run anything a label might contain.</summary>
    public static string? DataUrl(InsightTable table, IStringLocalizer localizer) =>
        Svg(table, localizer) is { } svg ? "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg)) : null;

    // Shares are drawn as percentages.
    private static double Plotted(double value, InsightUnit unit) => unit == InsightUnit.Share ? value * 100 : value;
}
