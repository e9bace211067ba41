using Kindred.Data.Search;

namespace Kindred.Data.Postgres.Search;

/// <summary>
/// The tsvector side of searching groups, events and aid items (ADR 87), built like <see cref="PostgresSearchSchema"/>:
/// stored generated columns with a GIN index on Groups and Events, through the same configuration. An aid item's words
/// include its category's (<see cref="CategoryWords"/>), which live in another table, and a generated column may not
/// read another table: its column is kept by a trigger instead, and renaming a category touches its items so the
/// trigger runs again. PostgreSQL keeps triggers when a table is altered, so there is nothing to repair at start. Used by
/// the CommunitySearch migration; changing it needs a new migration.
/// </summary>
public static class PostgresCommunitySearchSchema
{
    private const string Configuration = PostgresSearchSchema.Configuration;

    public static readonly string Create = $"""
        ALTER TABLE "Groups" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
            to_tsvector('{Configuration}', {Split("\"Name\" || ' ' || \"Description\" || ' ' || coalesce(\"AreaName\", '')")})) STORED;
        CREATE INDEX "IX_Groups_SearchVector" ON "Groups" USING GIN ("SearchVector");
        ALTER TABLE "Events" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
            to_tsvector('{Configuration}', {Split("\"Title\" || ' ' || \"Description\" || ' ' || coalesce(\"PlaceName\", '') || ' ' || coalesce(\"AreaName\", '')")})) STORED;
        CREATE INDEX "IX_Events_SearchVector" ON "Events" USING GIN ("SearchVector");
        ALTER TABLE "AidItems" ADD COLUMN "SearchVector" tsvector;
        CREATE FUNCTION kindred_aid_item_search() RETURNS trigger LANGUAGE plpgsql AS $kindred$
        BEGIN
            NEW."SearchVector" := to_tsvector('{Configuration}', {Split("NEW.\"Title\" || ' ' || NEW.\"Description\" || ' ' || coalesce((SELECT coalesce(c.\"Name\", '') || ' ' || c.\"Slug\" || ' ' || " + CategoryWords.SqlCase("c.\"Slug\"") + " FROM \"AidCategories\" AS c WHERE c.\"Id\" = NEW.\"CategoryId\"), '')")});
            RETURN NEW;
        END
        $kindred$;
        CREATE TRIGGER "AidItems_Search" BEFORE INSERT OR UPDATE OF "Title", "Description", "CategoryId" ON "AidItems"
            FOR EACH ROW EXECUTE FUNCTION kindred_aid_item_search();
        CREATE FUNCTION kindred_aid_category_search() RETURNS trigger LANGUAGE plpgsql AS $kindred$
        BEGIN
            UPDATE "AidItems" SET "CategoryId" = "CategoryId" WHERE "CategoryId" = NEW."Id";
            RETURN NULL;
        END
        $kindred$;
        CREATE TRIGGER "AidCategories_Search" AFTER UPDATE OF "Name", "Slug" ON "AidCategories"
            FOR EACH ROW EXECUTE FUNCTION kindred_aid_category_search();
        UPDATE "AidItems" SET "CategoryId" = "CategoryId";
        CREATE INDEX "IX_AidItems_SearchVector" ON "AidItems" USING GIN ("SearchVector");
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS "AidCategories_Search" ON "AidCategories";
        DROP FUNCTION IF EXISTS kindred_aid_category_search();
        DROP TRIGGER IF EXISTS "AidItems_Search" ON "AidItems";
        DROP FUNCTION IF EXISTS kindred_aid_item_search();
        DROP INDEX IF EXISTS "IX_AidItems_SearchVector";
        ALTER TABLE "AidItems" DROP COLUMN IF EXISTS "SearchVector";
        DROP INDEX IF EXISTS "IX_Events_SearchVector";
        ALTER TABLE "Events" DROP COLUMN IF EXISTS "SearchVector";
        DROP INDEX IF EXISTS "IX_Groups_SearchVector";
        ALTER TABLE "Groups" DROP COLUMN IF EXISTS "SearchVector";
        """;

    /// <summary>Punctuation and symbols become spaces before parsing, as for posts (<see cref="PostgresSearchSchema"/>).</summary>
    private static string Split(string text) => $"regexp_replace({text}, '{PostgresSearchSchema.Separators}', ' ', 'g')";
}
