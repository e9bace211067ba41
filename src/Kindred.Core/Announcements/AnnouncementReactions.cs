using System.Globalization;
using System.Text;

namespace Kindred.Core.Announcements;

/// <summary>
/// Which names a reaction may have. Mastodon takes a Unicode emoji or one of its custom emoji; Kindred has no custom
/// emoji, so a name is one emoji: one user-perceived character (skin tones, flags and ZWJ families included) that is
/// a symbol or a keycap. Mastodon also caps the different reactions per announcement, so a few members cannot turn
/// the banner into a wall of emoji.
/// </summary>
public static class AnnouncementReactions
{
    /// <summary>Different emoji one announcement may carry (Mastodon's limit).</summary>
    public const int MaxDistinct = 8;

    public const int MaxNameLength = 64;

    public static bool IsEmoji(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !name.IsNormalized(NormalizationForm.FormC)
            || new StringInfo(name).LengthInTextElements != 1)
        {
            return false;
        }
        if (name.Contains('\u20E3', StringComparison.Ordinal))
        {
            // A keycap: 0-9, # or * followed by the combining enclosing keycap.
            return true;
        }
        var first = name.EnumerateRunes().First();
        return Rune.GetUnicodeCategory(first) == UnicodeCategory.OtherSymbol;
    }
}
