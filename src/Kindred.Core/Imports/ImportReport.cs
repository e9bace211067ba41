namespace Kindred.Core.Imports;

/// <summary>The rows of a preview or a result, with their counts by outcome.</summary>
public sealed record ImportReport(ImportKind Kind, IReadOnlyList<ImportRow> Rows)
{
    public int Count(ImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);
}
