using System.Globalization;
using System.Text;

namespace Kindred.Core.Common;

/// <summary>
/// One spelling per tag, so "#ChildCare", "childcare " and "Childcare" are the same interest, hashtag and
/// search term. Accents on Latin letters are folded ("Événements" → "evenements") because French speakers
/// type tags with and without them.
/// </summary>
public static class TagNames
{
    /// <summary>Longest normalized tag, in UTF-16 code units (what a database column length counts).</summary>
    public const int MaxLength = 50;

    /// <summary>
    /// Trims, drops leading '#', lower-cases, folds accents on Latin letters and keeps only letters, digits
    /// and '_' (so "child-care" becomes "childcare"), cut to <see cref="MaxLength"/>.
    /// </summary>
    /// <returns>The normalized tag, or an empty string when nothing usable is left.</returns>
    public static string Normalize(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);

        // Compatibility decomposition also folds full-width letters and ligatures ("ＡＢ", "ﬁ") to plain ones.
        var decomposed = WellFormed(tag).Trim().TrimStart('#').ToLowerInvariant().Normalize(NormalizationForm.FormKD);
        var kept = new StringBuilder(decomposed.Length);
        Rune? previousBase = null;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (IsMark(rune))
            {
                // Marks are folded only on Latin letters. Elsewhere they are part of the letter: Cyrillic й is not
                // и, Japanese が is not か, and Hindi words are largely vowel signs.
                if (previousBase is { } baseRune && !(baseRune.IsAscii && Rune.IsLetter(baseRune)))
                {
                    kept.Append(rune);
                }

                continue;
            }

            if (Rune.IsLetterOrDigit(rune) || rune.Value == '_')
            {
                kept.Append(rune);
                previousBase = rune;
            }
            else
            {
                previousBase = null;
            }
        }

        return Truncate(kept.ToString().Normalize(NormalizationForm.FormC));
    }

    /// <summary>
    /// The text without what <see cref="string.Normalize(NormalizationForm)"/> refuses with an exception: lone
    /// surrogates (which enumerate as U+FFFD, dropped too) and unassigned code points such as U+FFFF. None of them
    /// is a letter, so a name loses nothing it would have kept.
    /// </summary>
    public static string WellFormed(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune != Rune.ReplacementChar && Rune.GetUnicodeCategory(rune) != UnicodeCategory.OtherNotAssigned)
            {
                kept.Append(rune);
            }
        }
        return kept.Length == text.Length ? text : kept.ToString();
    }

    private static bool IsMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark;

    // Cut on a character boundary as a reader sees it, so a letter never loses its accent or vowel sign
    // and a surrogate pair is never split.
    private static string Truncate(string value)
    {
        if (value.Length <= MaxLength)
        {
            return value;
        }

        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(value);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + elements.GetTextElement().Length;
            if (next > MaxLength)
            {
                break;
            }

            length = next;
        }

        return value[..length];
    }
}
