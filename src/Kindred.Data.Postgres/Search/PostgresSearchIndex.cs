using Kindred.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Data.Postgres.Search;

/// <summary>Search on PostgreSQL: the generated tsvector columns of <see cref="PostgresSearchSchema"/> matched with a
/// tsquery built from the same words SQLite gets, through the same configuration, so both give the same rows.</summary>
public sealed class PostgresSearchIndex(KindredDbContext db) : ISearchIndex
{
    public async Task<IReadOnlyList<long>> NewestStatusIdsAsync(SearchTerms terms, long? accountId, long? beforeId, int count, CancellationToken ct = default)
    {
        var query = Query(terms);
        var before = beforeId ?? long.MaxValue;
        var sql = accountId is { } author
            ? (FormattableString)$"""SELECT "Id" AS "Value" FROM "Statuses" WHERE "AccountId" = {author} AND "Id" < {before} AND "SearchVector" @@ to_tsquery('kindred_search', {query}) ORDER BY "Id" DESC LIMIT {count}"""
            : $"""SELECT "Id" AS "Value" FROM "Statuses" WHERE "Id" < {before} AND "SearchVector" @@ to_tsquery('kindred_search', {query}) ORDER BY "Id" DESC LIMIT {count}""";
        return await db.Database.SqlQuery<long>(sql).ToListAsync(ct);
    }

    public IQueryable<long> AccountIds(SearchTerms terms) =>
        db.Database.SqlQuery<long>($"""SELECT "Id" AS "Value" FROM "Accounts" WHERE "SearchVector" @@ to_tsquery('kindred_search', {Query(terms)})""");

    public IQueryable<long> GroupIds(SearchTerms terms) =>
        db.Database.SqlQuery<long>($"""SELECT "Id" AS "Value" FROM "Groups" WHERE "SearchVector" @@ to_tsquery('kindred_search', {Query(terms)})""");

    public IQueryable<long> EventIds(SearchTerms terms) =>
        db.Database.SqlQuery<long>($"""SELECT "Id" AS "Value" FROM "Events" WHERE "SearchVector" @@ to_tsquery('kindred_search', {Query(terms)})""");

    public IQueryable<long> AidItemIds(SearchTerms terms) =>
        db.Database.SqlQuery<long>($"""SELECT "Id" AS "Value" FROM "AidItems" WHERE "SearchVector" @@ to_tsquery('kindred_search', {Query(terms)})""");

    /// <summary>Generated columns and triggers survive every later migration, so there is nothing to repair.</summary>
    public Task<bool> EnsureAsync(CancellationToken ct = default) => Task.FromResult(false);

    /// <summary>Words joined with &amp;, ":*" for a prefix. Words hold only letters and digits, so nothing in them is
    /// tsquery syntax; to_tsquery runs each through the configuration (lower case, no accents).</summary>
    public static string Query(SearchTerms terms) =>
        string.Join(" & ", terms.Words.Select(w => w.Text + (w.Prefix ? ":*" : "")));
}
