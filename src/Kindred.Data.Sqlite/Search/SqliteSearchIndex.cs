using Kindred.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Data.Sqlite.Search;

/// <summary>Search on SQLite: FTS5 MATCH over the tables of <see cref="SqliteSearchSchema"/>. FTS5 walks its
/// matches in row id order, so "newest first, after this id, 20 of them" costs what the page costs.</summary>
public sealed class SqliteSearchIndex(KindredDbContext db) : ISearchIndex
{
    public async Task<IReadOnlyList<long>> NewestStatusIdsAsync(SearchTerms terms, long? accountId, long? beforeId, int count, CancellationToken ct = default)
    {
        var match = Match(terms);
        var before = beforeId ?? long.MaxValue;
        // Without an author, FTS5 itself walks the matches newest first (rowid DESC) and stops at the limit; with one,
        // the author's (AccountId, Id) index is walked and each id looked up in the match set.
        var sql = accountId is { } author
            ? (FormattableString)$"SELECT s.Id AS Value FROM Statuses AS s WHERE s.AccountId = {author} AND s.Id < {before} AND s.Id IN (SELECT rowid FROM StatusSearch WHERE StatusSearch MATCH {match}) ORDER BY s.Id DESC LIMIT {count}"
            : $"SELECT rowid AS Value FROM StatusSearch WHERE StatusSearch MATCH {match} AND rowid < {before} ORDER BY rowid DESC LIMIT {count}";
        return await db.Database.SqlQuery<long>(sql).ToListAsync(ct);
    }

    public IQueryable<long> AccountIds(SearchTerms terms) =>
        db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM AccountSearch WHERE AccountSearch MATCH {Match(terms)}");

    public IQueryable<long> GroupIds(SearchTerms terms) =>
        db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM GroupSearch WHERE GroupSearch MATCH {Match(terms)}");

    public IQueryable<long> EventIds(SearchTerms terms) =>
        db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM EventSearch WHERE EventSearch MATCH {Match(terms)}");

    public IQueryable<long> AidItemIds(SearchTerms terms) =>
        db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM AidItemSearch WHERE AidItemSearch MATCH {Match(terms)}");

    public async Task<bool> EnsureAsync(CancellationToken ct = default)
    {
        var present = await db.Database
            .SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type IN ('trigger', 'table')")
            .ToListAsync(ct);
        var postsAndPeople = SqliteSearchSchema.Triggers.All(present.Contains) && present.Contains("StatusSearch") && present.Contains("AccountSearch");
        // The second set is looked at on its own: a migration that rebuilt Groups should not cost a refill of every post.
        var community = SqliteCommunitySearchSchema.Triggers.All(present.Contains) && SqliteCommunitySearchSchema.Tables.All(present.Contains);
        if (postsAndPeople && community)
        {
            return false;
        }
        // A migration that rebuilt a table (SQLite's way to alter a column) dropped its triggers, so writes since then
        // are missing: wire the index again and refill it, in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!postsAndPeople)
        {
            await db.Database.ExecuteSqlRawAsync(SqliteSearchSchema.DropTriggers, ct);
            await db.Database.ExecuteSqlRawAsync(SqliteSearchSchema.CreateTables + SqliteSearchSchema.CreateTriggers + SqliteSearchSchema.Fill, ct);
        }
        if (!community)
        {
            await db.Database.ExecuteSqlRawAsync(SqliteCommunitySearchSchema.DropTriggers, ct);
            await db.Database.ExecuteSqlRawAsync(SqliteCommunitySearchSchema.Create, ct);
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Each word quoted (words hold only letters and digits, so nothing in them is FTS5 syntax); a
    /// trailing * makes it a prefix; words side by side must all match.</summary>
    public static string Match(SearchTerms terms) =>
        string.Join(' ', terms.Words.Select(w => "\"" + w.Text + "\"" + (w.Prefix ? "*" : "")));
}
