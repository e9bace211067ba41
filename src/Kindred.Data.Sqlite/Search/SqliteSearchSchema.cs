namespace Kindred.Data.Sqlite.Search;

/// <summary>
/// The FTS5 side of search (ADR 15): two contentless FTS5 tables keyed by the row id of Statuses and Accounts, kept in
/// step by triggers, so a status is searchable in the same transaction that writes it and drops out in the one that
/// deletes it. Used by the Search migration and by <see cref="SqliteSearchIndex.EnsureAsync"/>; changing it needs a
/// new migration.
/// </summary>
public static class SqliteSearchSchema
{
    /// <summary>unicode61 lower-cases and, with remove_diacritics 2, folds accents ("École" → "ecole").</summary>
    private const string Tokenizer = "unicode61 remove_diacritics 2";

    public static readonly string[] Triggers =
    [
        "StatusSearch_AfterInsert", "StatusSearch_AfterUpdate", "StatusSearch_AfterDelete",
        "AccountSearch_AfterInsert", "AccountSearch_AfterUpdate", "AccountSearch_AfterDelete",
    ];

    public const string CreateTables = $"""
        CREATE VIRTUAL TABLE IF NOT EXISTS StatusSearch USING fts5(Body, content='', contentless_delete=1, tokenize='{Tokenizer}');
        CREATE VIRTUAL TABLE IF NOT EXISTS AccountSearch USING fts5(Body, content='', contentless_delete=1, tokenize='{Tokenizer}');
        """;

    /// <summary>
    /// Only live originals are indexed: a status leaves the index when DeletedAt is set (deletion is soft) and comes
    /// back with its new text when edited. SQLite fires these for cascaded deletes too.
    /// </summary>
    public const string CreateTriggers = $"""
        CREATE TRIGGER StatusSearch_AfterInsert AFTER INSERT ON Statuses
        WHEN new.DeletedAt IS NULL AND new.ReblogOfId IS NULL
        BEGIN
            INSERT INTO StatusSearch(rowid, Body) VALUES (new.Id, {StatusBody});
        END;
        CREATE TRIGGER StatusSearch_AfterUpdate AFTER UPDATE OF Text, SpoilerText, DeletedAt, ReblogOfId ON Statuses
        BEGIN
            DELETE FROM StatusSearch WHERE rowid = old.Id;
            INSERT INTO StatusSearch(rowid, Body) SELECT new.Id, {StatusBody} WHERE new.DeletedAt IS NULL AND new.ReblogOfId IS NULL;
        END;
        CREATE TRIGGER StatusSearch_AfterDelete AFTER DELETE ON Statuses
        BEGIN
            DELETE FROM StatusSearch WHERE rowid = old.Id;
        END;
        CREATE TRIGGER AccountSearch_AfterInsert AFTER INSERT ON Accounts
        BEGIN
            INSERT INTO AccountSearch(rowid, Body) VALUES (new.Id, {AccountBody});
        END;
        CREATE TRIGGER AccountSearch_AfterUpdate AFTER UPDATE OF Username, DisplayName ON Accounts
        BEGIN
            DELETE FROM AccountSearch WHERE rowid = old.Id;
            INSERT INTO AccountSearch(rowid, Body) VALUES (new.Id, {AccountBody});
        END;
        CREATE TRIGGER AccountSearch_AfterDelete AFTER DELETE ON Accounts
        BEGIN
            DELETE FROM AccountSearch WHERE rowid = old.Id;
        END;
        """;

    /// <summary>
    /// Fills both indexes from the tables (after creating them, or after repairing lost triggers). The unary + keeps
    /// SQLite off the ReblogOfId index: walking it visits the table in random order and hands FTS5 its rows out of
    /// rowid order, which took over 20 minutes for 2,000,000 posts; one scan in rowid order takes about a minute.
    /// </summary>
    public const string Fill = $"""
        INSERT INTO StatusSearch(StatusSearch) VALUES ('delete-all');
        INSERT INTO StatusSearch(rowid, Body) SELECT Id, {StatusBodyOfRow} FROM Statuses WHERE DeletedAt IS NULL AND +ReblogOfId IS NULL ORDER BY Id;
        INSERT INTO AccountSearch(AccountSearch) VALUES ('delete-all');
        INSERT INTO AccountSearch(rowid, Body) SELECT Id, {AccountBodyOfRow} FROM Accounts ORDER BY Id;
        """;

    public const string Create = CreateTables + "\n" + CreateTriggers + "\n" + Fill;

    public const string DropTriggers = """
        DROP TRIGGER IF EXISTS StatusSearch_AfterInsert;
        DROP TRIGGER IF EXISTS StatusSearch_AfterUpdate;
        DROP TRIGGER IF EXISTS StatusSearch_AfterDelete;
        DROP TRIGGER IF EXISTS AccountSearch_AfterInsert;
        DROP TRIGGER IF EXISTS AccountSearch_AfterUpdate;
        DROP TRIGGER IF EXISTS AccountSearch_AfterDelete;
        """;

    public const string Drop = DropTriggers + """

        DROP TABLE IF EXISTS StatusSearch;
        DROP TABLE IF EXISTS AccountSearch;
        """;

    // The content warning and the text as the author typed them (no HTML to strip; Markdown punctuation separates
    // words like any other), with the ligatures spelled out as PostgreSQL's unaccent does (SearchTerms.FoldLigatures).
    private const string StatusBody = "replace(replace(replace(replace(replace(new.SpoilerText || ' ' || new.Text, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss')";
    private const string StatusBodyOfRow = "replace(replace(replace(replace(replace(SpoilerText || ' ' || Text, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss')";
    private const string AccountBody = "replace(replace(replace(replace(replace(new.Username || ' ' || new.DisplayName, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss')";
    private const string AccountBodyOfRow = "replace(replace(replace(replace(replace(Username || ' ' || DisplayName, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss')";
}
