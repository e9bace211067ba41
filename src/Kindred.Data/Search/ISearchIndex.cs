namespace Kindred.Data.Search;

/// <summary>
/// The full-text index, one implementation per database (ADR 15): SQLite FTS5 in Kindred.Data.Sqlite, a PostgreSQL
/// tsvector in Kindred.Data.Postgres. Both fold case and accents and match every word (for names each as a prefix, when
/// asked). They only say which rows match; who may see them is decided by the caller, through StatusVisibility.
/// </summary>
public interface ISearchIndex
{
    /// <summary>
    /// Ids of statuses whose text or content warning holds every word, newest first: the <paramref name="count"/> newest
    /// older than <paramref name="beforeId"/>, by <paramref name="accountId"/> when given. Deleted statuses and boosts
    /// are never in the index. Written out per database so the index walks its matches in id order and stops after
    /// <paramref name="count"/> (an ORDER BY composed on top lost that on SQLite and sorted every match).
    /// </summary>
    Task<IReadOnlyList<long>> NewestStatusIdsAsync(SearchTerms terms, long? accountId, long? beforeId, int count, CancellationToken ct = default);

    /// <summary>Ids of accounts whose username or display name holds every word.</summary>
    IQueryable<long> AccountIds(SearchTerms terms);

    /// <summary>Ids of groups whose name, description or area holds every word (ADR 87).</summary>
    IQueryable<long> GroupIds(SearchTerms terms);

    /// <summary>Ids of events whose title, description, place name or area holds every word; never the street address
    /// or the online link, which only attendees see (ADR 87).</summary>
    IQueryable<long> EventIds(SearchTerms terms);

    /// <summary>Ids of aid items whose title, description or category (<see cref="CategoryWords"/>) holds every word (ADR 87).</summary>
    IQueryable<long> AidItemIds(SearchTerms terms);

    /// <summary>
    /// Checks at start that the index is wired to its tables, and repairs it if not (SQLite drops triggers when a
    /// later migration rebuilds a table); returns whether anything had to be repaired.
    /// </summary>
    Task<bool> EnsureAsync(CancellationToken ct = default);
}
