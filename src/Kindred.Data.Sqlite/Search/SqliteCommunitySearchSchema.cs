using Kindred.Data.Search;

namespace Kindred.Data.Sqlite.Search;

/// <summary>
/// The FTS5 side of searching groups, events and aid items (ADR 87), built like <see cref="SqliteSearchSchema"/>: one
/// contentless FTS5 table per kind keyed by the row id, kept in step by triggers so a row is searchable in the
/// transaction that writes it. Aid items carry their category's words (<see cref="CategoryWords"/>, and the name an admin
/// gave it), so renaming a category re-indexes its items. Used by the CommunitySearch migration and by
/// <see cref="SqliteSearchIndex.EnsureAsync"/>; changing it needs a new migration.
/// </summary>
public static class SqliteCommunitySearchSchema
{
    private const string Tokenizer = "unicode61 remove_diacritics 2";

    public static readonly string[] Tables = ["GroupSearch", "EventSearch", "AidItemSearch"];

    public static readonly string[] Triggers =
    [
        "GroupSearch_AfterInsert", "GroupSearch_AfterUpdate", "GroupSearch_AfterDelete",
        "EventSearch_AfterInsert", "EventSearch_AfterUpdate", "EventSearch_AfterDelete",
        "AidItemSearch_AfterInsert", "AidItemSearch_AfterUpdate", "AidItemSearch_AfterDelete",
        "AidItemSearch_AfterCategoryUpdate",
    ];

    public const string CreateTables = $"""
        CREATE VIRTUAL TABLE IF NOT EXISTS GroupSearch USING fts5(Body, content='', contentless_delete=1, tokenize='{Tokenizer}');
        CREATE VIRTUAL TABLE IF NOT EXISTS EventSearch USING fts5(Body, content='', contentless_delete=1, tokenize='{Tokenizer}');
        CREATE VIRTUAL TABLE IF NOT EXISTS AidItemSearch USING fts5(Body, content='', contentless_delete=1, tokenize='{Tokenizer}');
        """;

    public static readonly string CreateTriggers = $"""
        CREATE TRIGGER GroupSearch_AfterInsert AFTER INSERT ON Groups
        BEGIN
            INSERT INTO GroupSearch(rowid, Body) VALUES (new.Id, {GroupBody("new.")});
        END;
        CREATE TRIGGER GroupSearch_AfterUpdate AFTER UPDATE OF Name, Description, AreaName ON Groups
        BEGIN
            DELETE FROM GroupSearch WHERE rowid = old.Id;
            INSERT INTO GroupSearch(rowid, Body) VALUES (new.Id, {GroupBody("new.")});
        END;
        CREATE TRIGGER GroupSearch_AfterDelete AFTER DELETE ON Groups
        BEGIN
            DELETE FROM GroupSearch WHERE rowid = old.Id;
        END;
        CREATE TRIGGER EventSearch_AfterInsert AFTER INSERT ON Events
        BEGIN
            INSERT INTO EventSearch(rowid, Body) VALUES (new.Id, {EventBody("new.")});
        END;
        CREATE TRIGGER EventSearch_AfterUpdate AFTER UPDATE OF Title, Description, PlaceName, AreaName ON Events
        BEGIN
            DELETE FROM EventSearch WHERE rowid = old.Id;
            INSERT INTO EventSearch(rowid, Body) VALUES (new.Id, {EventBody("new.")});
        END;
        CREATE TRIGGER EventSearch_AfterDelete AFTER DELETE ON Events
        BEGIN
            DELETE FROM EventSearch WHERE rowid = old.Id;
        END;
        CREATE TRIGGER AidItemSearch_AfterInsert AFTER INSERT ON AidItems
        BEGIN
            INSERT INTO AidItemSearch(rowid, Body) VALUES (new.Id, {AidBody("new.")});
        END;
        CREATE TRIGGER AidItemSearch_AfterUpdate AFTER UPDATE OF Title, Description, CategoryId ON AidItems
        BEGIN
            DELETE FROM AidItemSearch WHERE rowid = old.Id;
            INSERT INTO AidItemSearch(rowid, Body) VALUES (new.Id, {AidBody("new.")});
        END;
        CREATE TRIGGER AidItemSearch_AfterDelete AFTER DELETE ON AidItems
        BEGIN
            DELETE FROM AidItemSearch WHERE rowid = old.Id;
        END;
        CREATE TRIGGER AidItemSearch_AfterCategoryUpdate AFTER UPDATE OF Name, Slug ON AidCategories
        BEGIN
            DELETE FROM AidItemSearch WHERE rowid IN (SELECT Id FROM AidItems WHERE CategoryId = new.Id);
            INSERT INTO AidItemSearch(rowid, Body) SELECT Id, {AidBody("")} FROM AidItems WHERE CategoryId = new.Id ORDER BY Id;
        END;
        """;

    /// <summary>Fills the three indexes from their tables (after creating them, or after repairing lost triggers).</summary>
    public static readonly string Fill = $"""
        INSERT INTO GroupSearch(GroupSearch) VALUES ('delete-all');
        INSERT INTO GroupSearch(rowid, Body) SELECT Id, {GroupBody("")} FROM Groups ORDER BY Id;
        INSERT INTO EventSearch(EventSearch) VALUES ('delete-all');
        INSERT INTO EventSearch(rowid, Body) SELECT Id, {EventBody("")} FROM Events ORDER BY Id;
        INSERT INTO AidItemSearch(AidItemSearch) VALUES ('delete-all');
        INSERT INTO AidItemSearch(rowid, Body) SELECT Id, {AidBody("")} FROM AidItems ORDER BY Id;
        """;

    public static readonly string Create = CreateTables + "\n" + CreateTriggers + "\n" + Fill;

    public static readonly string DropTriggers = string.Concat(Triggers.Select(t => $"DROP TRIGGER IF EXISTS {t};\n"));

    public static readonly string Drop = DropTriggers + string.Concat(Tables.Select(t => $"DROP TABLE IF EXISTS {t};\n"));

    private static string GroupBody(string row) => Folded($"{row}Name || ' ' || {row}Description || ' ' || coalesce({row}AreaName, '')");

    private static string EventBody(string row) =>
        Folded($"{row}Title || ' ' || {row}Description || ' ' || coalesce({row}PlaceName, '') || ' ' || coalesce({row}AreaName, '')");

    /// <summary>The category is read from its row, so the words are those of the category the item has now.</summary>
    private static string AidBody(string row) =>
        Folded($"{row}Title || ' ' || {row}Description || ' ' || coalesce((SELECT coalesce(c.Name, '') || ' ' || c.Slug || ' ' || "
            + CategoryWords.SqlCase("c.Slug") + $" FROM AidCategories AS c WHERE c.Id = {row}CategoryId), '')");

    /// <summary>Ligatures spelled out as PostgreSQL's unaccent does (<see cref="SearchTerms.FoldLigatures"/>).</summary>
    private static string Folded(string text) =>
        $"replace(replace(replace(replace(replace({text}, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss')";
}
