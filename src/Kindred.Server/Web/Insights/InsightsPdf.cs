using Kindred.Core.Insights;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Kindred.Server.Web.Insights;

/// <summary>
/// The funder report as a PDF (PDFsharp): the period, then each section's tables with their charts, figures formatted
/// as on the page ("fewer than 5" where suppressed). Only the funder's tables: nobody is named.
/// </summary>
public static class InsightsPdf
{
    private const double Margin = 40;
    private const double RowHeight = 13;

    public static byte[] Write(InsightFigures figures, string organization, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(localizer);
        PdfFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"{organization}: {localizer["Funder report"]}";
        var writer = new PageWriter(document);
        var title = new XFont(PdfFonts.Family, 18, XFontStyleEx.Bold);
        var heading = new XFont(PdfFonts.Family, 13, XFontStyleEx.Bold);
        var subheading = new XFont(PdfFonts.Family, 10, XFontStyleEx.Bold);
        var text = new XFont(PdfFonts.Family, 8, XFontStyleEx.Regular);
        var bold = new XFont(PdfFonts.Family, 8, XFontStyleEx.Bold);
        writer.Line(organization, title, 24);
        writer.Line(localizer["Funder report"], heading, 18);
        writer.Line(localizer["From {0} to {1}, computed {2}.", InsightFormat.Day(figures.From, figures.TimeZone),
            InsightFormat.LastDay(figures.To, figures.TimeZone), InsightFormat.Time(figures.ComputedAt, figures.TimeZone)], text, 14);
        writer.Line(localizer["Any figure about fewer than 5 people reads \"fewer than 5\"."], text, 20);
        foreach (var section in figures.ForFunder.GroupBy(t => t.Section))
        {
            writer.Room(60);
            writer.Line(localizer[section.Key], heading, 20);
            foreach (var table in section)
            {
                writer.Room(RowHeight * Math.Min(6, table.Rows.Count + 2) + 16);
                writer.Line(localizer[table.Title], subheading, 15);
                if (table.Rows.Count == 0)
                {
                    writer.Line(localizer["Nothing to count in this period."], text, 16);
                    continue;
                }
                if (InsightCharts.Png(table, localizer) is { } png)
                {
                    var width = writer.Width;
                    var height = width * InsightCharts.Height / InsightCharts.Width;
                    writer.Room(height + 6);
                    using var image = XImage.FromStream(new MemoryStream(png));
                    writer.Graphics.DrawImage(image, Margin, writer.Y, width, height);
                    writer.Skip(height + 6);
                }
                var labelWidth = Math.Min(200, writer.Width * 0.4);
                var columnWidth = (writer.Width - labelWidth) / Math.Max(1, table.Columns.Count);
                void Row(string label, IEnumerable<string> cells, XFont font)
                {
                    writer.Room(RowHeight);
                    writer.Cell(label, font, Margin, labelWidth);
                    var x = Margin + labelWidth;
                    foreach (var cell in cells)
                    {
                        writer.Cell(cell, font, x, columnWidth);
                        x += columnWidth;
                    }
                    writer.Skip(RowHeight);
                }
                Row(localizer[table.LabelHeading], table.Columns.Select(c => (string)localizer[c]), bold);
                foreach (var row in table.Rows)
                {
                    Row(InsightFormat.Label(row.Label, localizer), row.Cells.Select(c => InsightFormat.Show(c, localizer)), text);
                }
                writer.Skip(10);
            }
        }
        writer.Dispose();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Writes down A4 pages, starting a new one when the next block does not fit.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private XGraphics? graphics;
        private PdfPage? page;

        public double Y { get; private set; }
        public double Width => (page?.Width.Point ?? 595) - 2 * Margin;
        public XGraphics Graphics => graphics ?? NewPage();

        public void Room(double height)
        {
            if (graphics is null || Y + height > page!.Height.Point - Margin)
            {
                NewPage();
            }
        }

        public void Line(string value, XFont font, double advance)
        {
            Room(advance);
            Cell(value, font, Margin, Width);
            Y += advance;
        }

        public void Cell(string value, XFont font, double x, double width)
        {
            var shown = value;
            // One line per cell: a label too long for its column is cut with an ellipsis.
            while (shown.Length > 1 && Graphics.MeasureString(shown, font).Width > width - 4)
            {
                shown = shown[..^2] + "…";
            }
            Graphics.DrawString(shown, font, XBrushes.Black, new XRect(x, Y, width - 4, RowHeight), XStringFormats.TopLeft);
        }

        public void Skip(double height) => Y += height;

        public void Dispose() => graphics?.Dispose();

        private XGraphics NewPage()
        {
            graphics?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            Y = Margin;
            return graphics;
        }
    }
}
