namespace Kindred.Core.Imports;

/// <summary>What became of one row: before confirming it is found, not found or bad; after, done or failed.</summary>
public enum ImportOutcome
{
    Found,
    NotFound,
    Bad,
    Done,
    Failed,
}
