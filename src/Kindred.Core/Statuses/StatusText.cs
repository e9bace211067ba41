using System.Text.RegularExpressions;
using Kindred.Core.Common;

namespace Kindred.Core.Statuses;

/// <summary>Finds mentions and hashtags in what a member typed, and turns them into links before the Markdown is rendered.</summary>
public static partial class StatusText
{
    /// <summary>The local mentions and hashtags of a text, and its HTML with those turned into links.</summary>
    /// <param name="mentionUrl">The profile address of a mention, or null when it is not a known account (left as text).</param>
    public static string Render(string text, Func<string, string?, string?> mentionUrl, Func<string, string> tagUrl)
    {
        var linked = MentionPattern().Replace(text, m =>
        {
            var url = mentionUrl(m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null);
            return url is null ? m.Value : $"[{m.Value}]({url})";
        });
        linked = HashtagPattern().Replace(linked, m =>
        {
            var name = TagNames.Normalize(m.Groups[1].Value);
            return IsTag(name) ? $"[{m.Value}]({tagUrl(name)})" : m.Value;
        });
        return SafeHtml.RenderMarkdown(linked);
    }

    /// <summary>Every <c>@user</c> and <c>@user@domain</c>, in order, without repeats.</summary>
    public static IReadOnlyList<(string Username, string? Domain)> Mentions(string text) =>
        MentionPattern().Matches(text)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value.ToLowerInvariant() : null))
            .DistinctBy(m => (m.Item1.ToLowerInvariant(), m.Item2))
            .ToList();

    /// <summary>Every hashtag as (normalized name, display spelling), in order, without repeats.</summary>
    public static IReadOnlyList<(string Name, string Display)> Hashtags(string text) =>
        HashtagPattern().Matches(text)
            .Select(m => (Name: TagNames.Normalize(m.Groups[1].Value), Display: m.Groups[1].Value))
            .Where(t => IsTag(t.Name))
            .DistinctBy(t => t.Name)
            .ToList();

    // "#2024" is a number, not a tag (as on Mastodon): a tag needs a letter or an underscore.
    private static bool IsTag(string name) => name.Length > 0 && name.Any(c => !char.IsAsciiDigit(c));

    // Not after a letter, digit, '/', '@' or '.', so e-mail addresses and URLs such as https://host/@user stay as they are.
    // A domain may carry a port: remote accounts of a peer on a port (federation development mode) are named so (ADR 105).
    [GeneratedRegex(@"(?<![\p{L}\p{N}_/@.])@([A-Za-z0-9_]{1,30})(?:@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]{1,5})?))?(?![A-Za-z0-9_@])", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    // Not after a letter, digit, '/', '&' or '#', so URL fragments and HTML entities are not tags.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_/&#])#([\p{L}\p{N}_][\p{L}\p{M}\p{N}_]{0,99})", RegexOptions.CultureInvariant)]
    private static partial Regex HashtagPattern();
}
