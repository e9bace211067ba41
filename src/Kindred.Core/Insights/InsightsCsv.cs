using System.Globalization;
using CsvHelper;

namespace Kindred.Core.Insights;

/// <summary>
/// Every figure of a report as CSV (CsvHelper, RFC 4180), one figure a line: section, table, row, column, value, unit.
/// A suppressed figure reads "fewer than 5"; a cell a spreadsheet would run as a formula (starting with =, +, -, @, tab
/// or carriage return: chapter and area names are written by people) is escaped with a leading quote.
/// </summary>
public static class InsightsCsv
{
    public const string FewerThanFive = "fewer than 5";

    public static string Write(IEnumerable<InsightTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, options, true))
        {
            foreach (var header in new[] { "section", "table", "row", "column", "value", "unit" })
            {
                csv.WriteField(header);
            }
            csv.EndRecord();
            foreach (var table in tables)
            {
                foreach (var row in table.Rows)
                {
                    for (var c = 0; c < table.Columns.Count && c < row.Cells.Count; c++)
                    {
                        var cell = row.Cells[c];
                        csv.WriteField(table.Section);
                        csv.WriteField(table.Title);
                        csv.WriteField(row.Label);
                        csv.WriteField(table.Columns[c]);
                        csv.WriteField(cell.Suppressed ? FewerThanFive : cell.Value is { } v ? Math.Round(v, 4).ToString(CultureInfo.InvariantCulture) : "");
                        csv.WriteField(cell.Unit.ToString().ToLowerInvariant());
                        csv.EndRecord();
                    }
                }
            }
        }
        return writer.ToString();
    }
}
