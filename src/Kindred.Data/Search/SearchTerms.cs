using System.Globalization;
using System.Text;

namespace Kindred.Data.Search;

/// <summary>
/// What someone typed, cut into words the way both indexes cut text: a word is a run of letters, digits and
/// private-use characters (SQLite FTS5's unicode61 categories L*, N*, Co); everything else separates words. Every
/// word must match (AND). Accents and case are folded by the index itself, so "École" and "ecole" ask the same.
/// </summary>
public sealed class SearchTerms
{
    /// <summary>More words add little and cost a join each.</summary>
    public const int MaxWords = 8;

    /// <summary>Longer runs are not words anyone searches for (URLs, base64); they are cut.</summary>
    public const int MaxWordLength = 40;

    /// <summary>A prefix shorter than this would expand to a large part of the vocabulary, so it matches whole words only.</summary>
    public const int MinPrefixLength = 2;

    private SearchTerms(IReadOnlyList<SearchWord> words) => Words = words;

    public IReadOnlyList<SearchWord> Words { get; }

    public bool IsEmpty => Words.Count == 0;

    /// <summary>
    /// Words for post text: whole words only. A prefix on FTS5 merges the match lists of every word it expands to before
    /// the first result (measured at 2,000,000 posts: 120–160 ms for a prefix of a common word, against under 1 ms for
    /// the word itself), so post search matches words exactly (accents and case aside) on both databases.
    /// </summary>
    public static SearchTerms ForText(string? query) => Parse(query, prefixes: false);

    /// <summary>Words for names: each word matches the start of a word of the username or display name ("ali mar" finds "Alice Martin").</summary>
    public static SearchTerms ForNames(string? query) => Parse(query, prefixes: true);

    /// <summary>
    /// Ligatures that SQLite's remove_diacritics keeps as letters of their own while PostgreSQL's unaccent spells them
    /// out; both indexes store the spelled-out form (see the SQLite triggers), and queries are folded the same way.
    /// </summary>
    public static string FoldLigatures(string text) =>
        text.Replace("œ", "oe", StringComparison.Ordinal).Replace("Œ", "OE", StringComparison.Ordinal)
            .Replace("æ", "ae", StringComparison.Ordinal).Replace("Æ", "AE", StringComparison.Ordinal)
            .Replace("ß", "ss", StringComparison.Ordinal);

    private static SearchTerms Parse(string? query, bool prefixes)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var text = FoldLigatures((query ?? "").Normalize(NormalizationForm.FormC)).ToLowerInvariant();
        void Flush()
        {
            if (current.Length > 0)
            {
                var word = current.ToString();
                current.Clear();
                if (!words.Contains(word, StringComparer.Ordinal))
                {
                    words.Add(word);
                }
            }
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordCharacter(rune))
            {
                if (current.Length + rune.Utf16SequenceLength <= MaxWordLength)
                {
                    current.Append(rune.ToString());
                }
            }
            else
            {
                Flush();
            }
        }
        Flush();
        var kept = words.Take(MaxWords).ToList();
        return new SearchTerms(kept
            .Select(word => new SearchWord(word, prefixes && word.Length >= MinPrefixLength))
            .ToList());
    }

    private static bool IsWordCharacter(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.PrivateUse;
}
