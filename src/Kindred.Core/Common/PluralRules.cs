using System.Globalization;

namespace Kindred.Core.Common;

/// <summary>
/// CLDR cardinal plural rules for whole counts in the languages Kindred ships (ADR 86). English says "1 reply" but
/// "0 replies"; French says "0 réponse" and "1 réponse", and "1 000 000 de réponses" (CLDR's "many"). Only whole counts
/// are ever shown, so the rules are written for integers (CLDR's operands i, with v = 0 and e = 0).
/// </summary>
public static class PluralRules
{
    /// <summary>The category of <paramref name="count"/> in <paramref name="culture"/>'s language; a language without rules
    /// here follows English, the language of the neutral resources.</summary>
    public static PluralCategory Of(long count, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        // CLDR's operand i is the absolute value of the integer digits.
        var i = count == long.MinValue ? long.MaxValue : Math.Abs(count);
        return culture.TwoLetterISOLanguageName switch
        {
            // fr: one → i = 0,1; many → i ≠ 0 and i % 1000000 = 0 (with v = 0 and e = 0); other otherwise.
            "fr" => i <= 1 ? PluralCategory.One : i % 1_000_000 == 0 ? PluralCategory.Many : PluralCategory.Other,
            // en: one → i = 1 and v = 0; other otherwise.
            _ => i == 1 ? PluralCategory.One : PluralCategory.Other,
        };
    }
}
