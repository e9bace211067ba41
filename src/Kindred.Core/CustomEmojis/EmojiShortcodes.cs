using System.Text.RegularExpressions;

namespace Kindred.Core.CustomEmojis;

/// <summary>How a custom emoji is written (ADR 82): <c>:shortcode:</c>, the shortcode being letters, digits and
/// underscores, at least two, as Mastodon's.</summary>
public static partial class EmojiShortcodes
{
    public const int MaxLength = 60;

    public static bool IsValid(string? shortcode) => shortcode is { Length: >= 2 and <= MaxLength } && Valid().IsMatch(shortcode);

    /// <summary>The distinct shortcodes written in <paramref name="text"/>, in the order first written.</summary>
    public static IEnumerable<string> In(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains(':', StringComparison.Ordinal))
        {
            return [];
        }
        return Written().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Valid();

    // A shortcode stands alone: not glued to a word or another colon on either side (so "12:30:45" is not one).
    [GeneratedRegex("(?<![A-Za-z0-9_:]):([A-Za-z0-9_]{2,60}):(?![A-Za-z0-9_:])", RegexOptions.CultureInvariant)]
    public static partial Regex Written();
}
