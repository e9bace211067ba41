using System.Globalization;
using System.Text;
using Kindred.Data;
using Kindred.Data.Search;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>Fills the text of items written before it was kept (on start; a no-op once done).</summary>
    public static async Task<int> BackfillAsync(KindredDbContext db, CancellationToken ct = default)
    {
        var filled = 0;
        while (true)
        {
            var items = await db.AidItems.Where(i => i.SearchText == "").OrderBy(i => i.Id).Take(500).ToListAsync(ct);
            if (items.Count == 0)
            {
                return filled;
            }
            foreach (var item in items)
            {
                // A row whose title and description fold to nothing gets a space, so it is not picked up again.
                var folded = Of(item.Title, item.Description);
                item.SearchText = folded.Length == 0 ? " " : folded;
            }
            await db.SaveChangesAsync(ct);
            filled += items.Count;
        }
    }
}
