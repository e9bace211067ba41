namespace Kindred.Core.Imports;

/// <summary>One row of an import: its line, the address or link it names, the list it goes into (lists only), what
/// became of it and why (an English message the page translates).</summary>
public sealed record ImportRow(int Line, string Target, string? List, ImportOutcome Outcome, string? Message)
{
    /// <summary>The account or status it names, once found.</summary>
    public long? Id { get; init; }

    /// <summary>Second column of following (show boosts) and mutes (hide notifications), when given.</summary>
    public bool? Flag { get; init; }

    /// <summary>Third column of following: notify on new posts, when given.</summary>
    public bool? Notify { get; init; }
}
