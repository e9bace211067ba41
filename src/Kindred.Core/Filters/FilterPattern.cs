using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Kindred.Data.Entities;

namespace Kindred.Core.Filters;

/// <summary>
/// One filter's keywords as one compiled, case-insensitive pattern. Patterns are cached by their text, so a member's
/// filters are compiled once per process, not once per request; a whole-word keyword gets a word boundary only on a
/// side that is a letter or digit (as Mastodon does), so "#tag" or "c++" still match.
/// </summary>
public static class FilterPattern
{
    private const int MaxCached = 10_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>The pattern for <paramref name="keywords"/>, or null when there are none.</summary>
    public static Regex? For(IReadOnlyCollection<FilterKeyword> keywords)
    {
        if (keywords.Count == 0)
        {
            return null;
        }
        var text = string.Join('|', keywords.Select(k => Source(k.Keyword, k.WholeWord)).Order(StringComparer.Ordinal));
        if (Cache.TryGetValue(text, out var cached))
        {
            return cached;
        }
        if (Cache.Count >= MaxCached)
        {
            // Filters change rarely; a full cache is old patterns, and starting again costs a few compilations.
            Cache.Clear();
        }
        return Cache.GetOrAdd(text, t => new Regex(t, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout));
    }

    /// <summary>The keywords of <paramref name="keywords"/> found in <paramref name="text"/>; only asked once the
    /// filter's pattern matched, so it may be slow.</summary>
    public static IReadOnlyList<string> Found(IEnumerable<FilterKeyword> keywords, string text) =>
        keywords.Where(k => Regex.IsMatch(text, Source(k.Keyword, k.WholeWord), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout))
            .Select(k => k.Keyword)
            .ToList();

    private static string Source(string keyword, bool wholeWord)
    {
        var escaped = Regex.Escape(keyword);
        if (!wholeWord)
        {
            return escaped;
        }
        var pattern = new StringBuilder();
        if (char.IsLetterOrDigit(keyword[0]))
        {
            pattern.Append(@"\b");
        }
        pattern.Append(escaped);
        if (char.IsLetterOrDigit(keyword[^1]))
        {
            pattern.Append(@"\b");
        }
        return pattern.ToString();
    }
}
