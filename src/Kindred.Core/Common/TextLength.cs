using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kindred.Core.Common;

/// <summary>How long a member's text is, as Mastodon clients count it: the limits of posts and poll options both use it.</summary>
public static partial class TextLength
{
    /// <summary>What a link counts for whatever its length (the instance's <c>characters_reserved_per_url</c>).</summary>
    public const int CharactersPerUrl = 23;

    /// <summary>Characters as a reader counts them (an emoji or an accented letter is one), with every link counted as
    /// <see cref="CharactersPerUrl"/> characters.</summary>
    public static int Of(string text)
    {
        var links = LinkPattern().Matches(text);
        var rest = LinkPattern().Replace(text, "");
        return new StringInfo(rest.Normalize(NormalizationForm.FormC)).LengthInTextElements + (links.Count * CharactersPerUrl);
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
