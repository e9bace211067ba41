namespace Kindred.Data.Postgres.Search;

/// <summary>
/// The tsvector side of search (ADR 15): a text search configuration that folds accents (the unaccent extension, in
/// Debian's postgresql-15 package and trusted, so a database owner may create it) over 'simple' (no stemming, no stop
/// words, like FTS5), and a stored generated tsvector column with a GIN index on Statuses and Accounts. PostgreSQL
/// computes the column in the statement that writes the row, so the index is never behind. Used by the Search
/// migration; changing it needs a new migration.
/// </summary>
public static class PostgresSearchSchema
{
    public const string Configuration = "kindred_search";

    /// <summary>
    /// Punctuation, symbols and emoji become spaces before parsing. PostgreSQL's parser otherwise keeps e-mail
    /// addresses, hosts and paths as single tokens and, in a database with the C locale, counts every non-ASCII
    /// character (’ « » — 😀) as a letter; FTS5's unicode61 splits on all of them. With this both indexes see the same
    /// words.
    /// </summary>
    internal const string Separators = @"[\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u3000-\u303f\ufe00-\ufe0f\U0001f000-\U0001faff]+";

    public const string Create = $"""
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE TEXT SEARCH CONFIGURATION {Configuration} (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION {Configuration} ALTER MAPPING FOR word, numword, hword, hword_part, numhword WITH unaccent, simple;
        ALTER TABLE "Statuses" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
            CASE WHEN "DeletedAt" IS NULL AND "ReblogOfId" IS NULL
                THEN to_tsvector('{Configuration}', regexp_replace("SpoilerText" || ' ' || "Text", '{Separators}', ' ', 'g'))
            END) STORED;
        CREATE INDEX "IX_Statuses_SearchVector" ON "Statuses" USING GIN ("SearchVector");
        ALTER TABLE "Accounts" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
            to_tsvector('{Configuration}', regexp_replace("Username" || ' ' || "DisplayName", '{Separators}', ' ', 'g'))) STORED;
        CREATE INDEX "IX_Accounts_SearchVector" ON "Accounts" USING GIN ("SearchVector");
        """;

    public const string Drop = $"""
        DROP INDEX IF EXISTS "IX_Accounts_SearchVector";
        ALTER TABLE "Accounts" DROP COLUMN IF EXISTS "SearchVector";
        DROP INDEX IF EXISTS "IX_Statuses_SearchVector";
        ALTER TABLE "Statuses" DROP COLUMN IF EXISTS "SearchVector";
        DROP TEXT SEARCH CONFIGURATION IF EXISTS {Configuration};
        """;
}
