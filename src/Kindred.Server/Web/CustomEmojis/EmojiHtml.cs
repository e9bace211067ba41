using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Kindred.Core.CustomEmojis;
using Kindred.Data.Entities;

namespace Kindred.Server.Web.CustomEmojis;

/// <summary>
/// Shows custom emojis in the web pages (ADR 82): each <c>:shortcode:</c> of an enabled emoji becomes an
/// <c>&lt;img&gt;</c> whose alt text is the shortcode, so a screen reader and a copy-paste read what was written.
/// Only text is touched, never a tag or an attribute, and the image's address and alt are built from a shortcode
/// (letters, digits, underscores) and a stored file name, so nothing a member wrote reaches the markup unencoded.
/// </summary>
public static partial class EmojiHtml
{
    /// <summary>Already-safe HTML (<see cref="Kindred.Core.Common.SafeHtml.Clean"/>) with its emojis shown.</summary>
    public static string InHtml(string safeHtml, IReadOnlyDictionary<string, CustomEmoji> emojis)
    {
        ArgumentNullException.ThrowIfNull(safeHtml);
        ArgumentNullException.ThrowIfNull(emojis);
        if (emojis.Count == 0 || !safeHtml.Contains(':', StringComparison.Ordinal))
        {
            return safeHtml;
        }
        var result = new StringBuilder(safeHtml.Length + 64);
        foreach (var part in Tags().Split(safeHtml))
        {
            result.Append(part.StartsWith('<') ? part : Replace(part, emojis));
        }
        return result.ToString();
    }

    /// <summary>Plain text (a name, a content warning), encoded, with its emojis shown.</summary>
    public static string InText(string? text, IReadOnlyDictionary<string, CustomEmoji> emojis)
    {
        ArgumentNullException.ThrowIfNull(emojis);
        var encoded = WebUtility.HtmlEncode(text ?? "");
        return emojis.Count == 0 ? encoded : Replace(encoded, emojis);
    }

    /// <summary>The image of one emoji, as in posts (the picker shows the same).</summary>
    public static string Image(CustomEmoji emoji)
    {
        ArgumentNullException.ThrowIfNull(emoji);
        return $"<img class=\"emoji\" src=\"/media/{WebUtility.HtmlEncode(emoji.File)}\" alt=\":{emoji.Shortcode}:\" title=\":{emoji.Shortcode}:\" width=\"20\" height=\"20\" />";
    }

    private static string Replace(string text, IReadOnlyDictionary<string, CustomEmoji> emojis) =>
        EmojiShortcodes.Written().Replace(text, m => emojis.TryGetValue(m.Groups[1].Value, out var emoji) ? Image(emoji) : m.Value);

    // Tags are kept whole; what lies between them is text. The sanitizer's output has no comments or raw "<".
    [GeneratedRegex("(<[^>]*>)", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();
}
