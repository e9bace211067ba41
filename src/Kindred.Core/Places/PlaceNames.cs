using System.Globalization;
using System.Text;

namespace Kindred.Core.Places;

/// <summary>
/// How typed names are compared with place names: trimmed, case and accents ignored, in C# (ADR 22: the two databases'
/// <c>lower()</c> disagree on non-ASCII letters), so "verdun" finds "Verdun" and "ecole" finds "École".
/// </summary>
public static class PlaceNames
{
    public const int MaxName = 60;

    /// <summary>The longest label stored as an item's area name (their columns hold 100 characters).</summary>
    public const int MaxLabel = 100;

    public static string Fold(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(char.IsWhiteSpace(c) ? ' ' : c);
            }
        }
        return string.Join(' ', kept.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
