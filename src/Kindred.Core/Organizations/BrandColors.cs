using System.Globalization;
using Kindred.Core.Common;

namespace Kindred.Core.Organizations;

/// <summary>
/// The organization's colours: #rrggbb only (they go into a style sheet, so nothing else may), and dark enough to
/// read as text and button colour on the white page (WCAG 2.2 AA, a contrast of at least 4.5:1), as Kindred's own are.
/// </summary>
public static class BrandColors
{
    public const double MinContrast = 4.5;

    /// <returns>The colour in lower case, or null for "Kindred's own" (empty input).</returns>
    public static string? Validate(string? value, string field)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0)
        {
            return null;
        }
        if (text.Length != 7 || text[0] != '#' || !int.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            throw KindredException.Invalid(field, "Write the colour as # and six hexadecimal digits, e.g. #0a4fc2.");
        }
        if (ContrastOnWhite(rgb) < MinContrast)
        {
            throw KindredException.Invalid(field, "This colour is too light to read on white; choose a darker one (contrast 4.5:1 at least).");
        }
        return text.ToLowerInvariant();
    }

    /// <summary>The WCAG contrast ratio of the colour against white.</summary>
    public static double ContrastOnWhite(int rgb)
    {
        var luminance = 0.2126 * Channel((rgb >> 16) & 0xff) + 0.7152 * Channel((rgb >> 8) & 0xff) + 0.0722 * Channel(rgb & 0xff);
        return 1.05 / (luminance + 0.05);
    }

    private static double Channel(int value)
    {
        var c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
