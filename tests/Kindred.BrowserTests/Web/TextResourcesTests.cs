using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kindred.BrowserTests.Web;

/// <summary>Every string the web pages ask the localizer for has an English and a French entry.</summary>
public sealed partial class TextResourcesTests
{
    [Fact]
    public void EveryWebStringHasAnEnglishAndAFrenchTranslation()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Kindred.Server", "Web");
        var keys = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => LocalizerKeys().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups[1].Value)))
            .ToHashSet(StringComparer.Ordinal);
        var english = Entries(Path.Combine(web, "Text.resx"));
        var french = Entries(Path.Combine(web, "Text.fr.resx"));

        Assert.NotEmpty(keys);
        Assert.Empty(keys.Where(k => !english.ContainsKey(k)).Order(StringComparer.Ordinal));
        Assert.Empty(keys.Where(k => !french.ContainsKey(k) || string.IsNullOrWhiteSpace(french[k])).Order(StringComparer.Ordinal));
        // Placeholders must survive translation, or string.Format would throw or drop a value.
        Assert.Empty(french.Where(e => Placeholders(e.Key) != Placeholders(e.Value)).Select(e => e.Key));
    }

    [Fact]
    public void EveryPluralTextHasItsCategoriesInBothLanguages()
    {
        // T.Plural("{0} replies", n) reads "{0} replies.one" or ".other" (and ".many" in French, falling back to
        // ".other"): both must exist in both languages, or a count shows its resource name (ADR 86).
        var keys = WebSources().SelectMany(s => PluralKeys().Matches(s).Select(m => Regex.Unescape(m.Groups[1].Value))).ToHashSet(StringComparer.Ordinal);
        var english = Entries(Path.Combine(WebFolder(), "Text.resx"));
        var french = Entries(Path.Combine(WebFolder(), "Text.fr.resx"));

        Assert.NotEmpty(keys);
        string[] needed = [.. keys.SelectMany(k => new[] { k + ".one", k + ".other" })];
        Assert.Empty(needed.Where(k => !english.ContainsKey(k)).Order(StringComparer.Ordinal));
        Assert.Empty(needed.Where(k => !french.TryGetValue(k, out var value) || string.IsNullOrWhiteSpace(value)).Order(StringComparer.Ordinal));
        // A plural text in the resources always comes with its other forms.
        foreach (var entries in new[] { english, french })
        {
            Assert.DoesNotContain(entries.Keys, k => k.EndsWith(".one", StringComparison.Ordinal) && !entries.ContainsKey(k[..^4] + ".other"));
        }
    }

    [Fact]
    public void NoCountIsShownThroughATextThatIgnoresPlurals()
    {
        // "1 replies" and "1 participant·es" came from a count put into a fixed text. A number beside a countable word
        // goes through T.Plural; a plain T["..."] may only carry a limit the code fixes ("At most {0} characters": a
        // constant that is never 0 or 1), and live.js picks the banner's one or many text itself.
        var refused = new List<string>();
        foreach (var source in WebSources())
        {
            refused.AddRange(LocalizerKeys().Matches(source).Select(m => Regex.Unescape(m.Groups[1].Value))
                .Where(k => CountBesideWord().IsMatch(k) && !Limit().IsMatch(k) && k != "{0} new posts — show"));
            // A number printed straight beside a translated word: @counts.Followers @T["followers"].
            refused.AddRange(NumberBesideText().Matches(source).Select(m => m.Value));
        }
        Assert.Empty(refused.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryEnglishTextIsTranslatedOrTheSameWordInFrench()
    {
        // A French value equal to the English one is a forgotten translation, unless French writes it the same way.
        string[] sameInFrench =
        [
            "Action", "Actions", "Administration", "Centre", "Contact", "Conversations", "Date", "Description", "Direct", "Discussion",
            "Distance", "E-mail", "Hashtags", "Image {0}", "Invitation", "Invitations", "Latitude", "Longitude", "Mention", "Menu",
            "Mentions", "Message", "Messages", "Note", "Notifications", "Pages", "Places", "Public", "Question {0}", "Questions", "Secret",
            "Suggestions", "Suspension", "Transport", "Urgent", "{0} %", "{0} h", "{0} h {1} min", "{0} km", "{0} min",
            "{0} minutes.one", "{0} minutes.other",
        ];
        var english = Entries(Path.Combine(WebFolder(), "Text.resx"));
        var french = Entries(Path.Combine(WebFolder(), "Text.fr.resx"));
        Assert.Empty(english.Where(e => french.TryGetValue(e.Key, out var value) && value == e.Value && !sameInFrench.Contains(e.Key)).Select(e => e.Key));
    }

    [Theory]
    [InlineData("Text.resx")]
    [InlineData("Text.fr.resx")]
    public void NoTwoEntriesDifferOnlyInCase(string file)
    {
        // The resource build treats names case-insensitively and drops the later entry with only a warning, so one of
        // two pages would silently show the other's text.
        var names = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Kindred.Server", "Web", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!);
        Assert.Empty(names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    private static string WebFolder() => Path.Combine(RepositoryRoot(), "src", "Kindred.Server", "Web");

    private static IEnumerable<string> WebSources() =>
        Directory.EnumerateFiles(WebFolder(), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Select(File.ReadAllText);

    private static Dictionary<string, string> Entries(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static string Placeholders(string text) =>
        string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kindred.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Kindred.slnx not found above " + AppContext.BaseDirectory);
    }

    // T["..."] in pages and t["..."] in helpers that receive the localizer.
    [GeneratedRegex(@"\b[Tt]\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerKeys();

    [GeneratedRegex(@"\b[Tt]\.Plural\(\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex PluralKeys();

    // A placeholder followed (perhaps after one word, "{0} more rows") by a word that has a singular and a plural.
    [GeneratedRegex(@"\{\d+\}\s+(?:\w+\s+)?(?:repl(?:y|ies)|boosts?|favourites?|posts?|followers?|following|members?|participants?|places?|answers?|votes?|voted|people|person|days?|hours?|minutes?|weeks?|months?|years?|rows?|keywords?|groups?|levels?|going|items?|requests?|offers?|events?|messages?|invitations?|uses|times|characters?|questions?|options?|tags?|images?|codes?|notifications?|reports?|held)\b")]
    private static partial Regex CountBesideWord();

    [GeneratedRegex(@"(?i)\b(?:at most|up to|from|to)\s+(?:1 MB and\s+)?\{\d+\}")]
    private static partial Regex Limit();

    [GeneratedRegex(@"@[\w.()]+\s*(?:</\w+>)?\s*@T\[""")]
    private static partial Regex NumberBesideText();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
