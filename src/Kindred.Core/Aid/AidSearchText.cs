using System.Globalization;
using System.Text;
using Kindred.Data.Search;

namespace Kindred.Core.Aid;

/// <summary>
/// The folded text aid search matches against (ADR 31): lower case, accents removed and ligatures spelled out, so
/// "creche", "Crèche" and "CRÈCHE" meet on both databases. Folding happens here, in C#, because SQLite has no
/// accent-folding function and its LOWER() only folds ASCII letters.
/// </summary>
public static class AidSearchText
{
    public static string Of(string title, string description) => Fold(title + "\n" + description);

    public static string Fold(string text)
    {
        var decomposed = SearchTerms.FoldLigatures(text).Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }
        return kept.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }
}
