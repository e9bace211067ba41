using System.Globalization;
using Kindred.Core.Common;

namespace Kindred.Core.Organizations;

/// <summary>
/// The organization's colours: #rrggbb only (they go into a style sheet, so nothing else may), and readable in both
/// colour schemes (WCAG 2.2 AA, a contrast of at least 4.5:1; ADR 55, ADR 90).
/// In the light scheme the colour itself writes links and button text on the page's surfaces (white and the header's
/// grey) and carries white text as a button's fill, so it must reach 4.5:1 against the lightest and darkest of these.
/// No colour can also reach 4.5:1 as text on the dark scheme's near-black (it would need to be light and dark at once),
/// so the dark scheme writes text with <see cref="ForDarkScheme"/>: the same hue mixed with white until it reads there,
/// while buttons keep the chosen colour under white text.
/// </summary>
public static class BrandColors
{
    public const double MinContrast = 4.5;

    /// <summary>The light scheme's surfaces in site.css: the page (--bg) and the header and notices (--soft).</summary>
    public static readonly int[] LightSurfaces = [0xffffff, 0xf3f4f6];

    /// <summary>The dark scheme's surfaces in site.css: the page (--bg) and the header and notices (--soft).</summary>
    public static readonly int[] DarkSurfaces = [0x121212, 0x1f2023];

    /// <returns>The colour in lower case, or null for "Kindred's own" (empty input).</returns>
    public static string? Validate(string? value, string field)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0)
        {
            return null;
        }
        if (Parse(text) is not { } rgb)
        {
            throw KindredException.Invalid(field, "Write the colour as # and six hexadecimal digits, e.g. #0a4fc2.");
        }
        if (LightSurfaces.Min(surface => Contrast(rgb, surface)) < MinContrast)
        {
            throw KindredException.Invalid(field, "This colour is too light to read on white; choose a darker one (contrast 4.5:1 at least).");
        }
        if (DarkSurfaces.Min(surface => Contrast(ForDarkScheme(rgb), surface)) < MinContrast)
        {
            // Cannot happen for a colour that passed above (white itself reads on every dark surface), but the rule is
            // "both schemes", so it is checked rather than assumed.
            throw KindredException.Invalid(field, "This colour cannot be made readable in the dark scheme; choose another (contrast 4.5:1 at least).");
        }
        return text.ToLowerInvariant();
    }

    /// <summary>#rrggbb as a number, or null for anything else.</summary>
    public static int? Parse(string text) =>
        text.Length == 7 && text[0] == '#' && int.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb)
            ? rgb : null;

    public static string Format(int rgb) => "#" + rgb.ToString("x6", CultureInfo.InvariantCulture);

    /// <summary>The WCAG contrast ratio of the colour against white.</summary>
    public static double ContrastOnWhite(int rgb) => Contrast(rgb, 0xffffff);

    /// <summary>The WCAG contrast ratio of two colours (1 to 21, the same whichever comes first).</summary>
    public static double Contrast(int first, int second)
    {
        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    /// <summary>
    /// The colour to write text with in the dark scheme: the colour itself when it already reads on every dark surface,
    /// else the least mix with white that does, in steps of 5 %, so the hue stays recognisable.
    /// </summary>
    public static int ForDarkScheme(int rgb)
    {
        for (var percent = 0; percent <= 100; percent += 5)
        {
            var mixed = Mix(rgb, 0xffffff, percent / 100.0);
            if (DarkSurfaces.All(surface => Contrast(mixed, surface) >= MinContrast))
            {
                return mixed;
            }
        }
        return 0xffffff;
    }

    private static int Mix(int rgb, int other, double share)
    {
        int Channel(int shift) => (int)Math.Round(((rgb >> shift) & 0xff) * (1 - share) + ((other >> shift) & 0xff) * share);
        return (Channel(16) << 16) | (Channel(8) << 8) | Channel(0);
    }

    private static double Luminance(int rgb) =>
        0.2126 * Linear((rgb >> 16) & 0xff) + 0.7152 * Linear((rgb >> 8) & 0xff) + 0.0722 * Linear(rgb & 0xff);

    private static double Linear(int value)
    {
        var c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
