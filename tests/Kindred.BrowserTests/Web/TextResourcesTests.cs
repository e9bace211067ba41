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

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
