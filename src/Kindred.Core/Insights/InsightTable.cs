namespace Kindred.Core.Insights;

/// <summary>
/// One table of figures: its stable <see cref="Id"/> (CSV and anchors), its section and title and column headings as
/// English text the front doors translate, its rows, how it is charted, and whether it is for staff only (the list of
/// isolated members, which names people and never goes into the funder report).
/// </summary>
public sealed record InsightTable(
    string Id,
    string Section,
    string Title,
    string LabelHeading,
    IReadOnlyList<string> Columns,
    IReadOnlyList<InsightRow> Rows,
    InsightChart Chart = InsightChart.None,
    bool StaffOnly = false);
