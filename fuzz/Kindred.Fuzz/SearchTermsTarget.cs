using System.Text;
using Kindred.Data.Postgres.Search;
using Kindred.Data.Search;
using Kindred.Data.Sqlite.Search;

namespace Kindred.Fuzz;

/// <summary>
/// A search box's text cut into words (<see cref="SearchTerms"/>), and the FTS5 and tsquery expressions made of them,
/// which go into SQL: a word must hold nothing that either query language reads as syntax.
/// </summary>
public static class SearchTermsTarget
{
    public static void Run(byte[] data)
    {
        var text = FuzzInput.Text(data);
        foreach (var terms in new[] { SearchTerms.ForText(text), SearchTerms.ForNames(text) })
        {
            Promise.Holds(terms.Words.Count <= SearchTerms.MaxWords, "at most MaxWords words");
            foreach (var word in terms.Words)
            {
                Promise.Holds(word.Text.Length is > 0 and <= SearchTerms.MaxWordLength, "a word has 1 to MaxWordLength characters");
                Promise.Holds(word.Text.EnumerateRunes().All(IsWordRune), $"a word holds only letters and digits ({word.Text})");
            }
            var match = SqliteSearchIndex.Match(terms);
            Promise.Holds(match.Count(c => c == '"') == 2 * terms.Words.Count, "FTS5: each word is one quoted string");
            var query = PostgresSearchIndex.Query(terms);
            Promise.Holds(!query.Contains('\'', StringComparison.Ordinal) && !query.Contains('|', StringComparison.Ordinal) && !query.Contains('!', StringComparison.Ordinal), "tsquery: no operator inside a word");
        }
    }

    private static bool IsWordRune(Rune rune) => Rune.IsLetterOrDigit(rune) || Rune.IsNumber(rune)
        || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.LetterNumber;
}
