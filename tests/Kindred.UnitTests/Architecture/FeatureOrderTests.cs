using System.Text.RegularExpressions;

namespace Kindred.UnitTests.Architecture;

/// <summary>
/// The feature folders of Core stack in one order (ADR 52): a feature may use the features below it, never one above
/// it, so no two features lean on each other and a change low down is the only kind that ripples up. The graph is read
/// from the sources: a file in <c>Core/X/</c> uses feature Y when it names <c>Kindred.Core.Y</c> (a using, a
/// fully-qualified name or a cref).
/// </summary>
public partial class FeatureOrderTests
{
    /// <summary>Bottom first. A new feature folder takes its place here.</summary>
    private static readonly string[] Order =
    [
        "Common", "Jobs", "Audit", "Filters", "Timelines", "Tags", "Media", "Federation", "Accounts", "Places", "Preferences", "Organizations", "CustomEmojis", "Notifications", "Push", "Relationships",
        "Invitations", "Polls", "Conversations", "Statuses", "Trends", "Groups", "Lists", "Streaming", "Events", "Aid", "Reports", "Safety",
        "Moderation", "PublicFace", "Peers", "Welcome",
        "Search", "Setup", "Markers", "Digests", "Announcements", "Staff", "Inbox", "Deletion", "Insights", "Exports", "Imports", "Demo",
    ];

    [Fact]
    public void EveryFeatureFolderHasItsPlaceInTheOrder()
    {
        var folders = Directory.GetDirectories(CorePath)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Order.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void NoFeatureUsesAFeatureAboveIt()
    {
        var upwards = Uses()
            .Where(u => Array.IndexOf(Order, u.To) >= Array.IndexOf(Order, u.From))
            .Select(u => $"{u.From}/{u.File} uses {u.To}")
            .ToList();

        Assert.Empty(upwards);
    }

    [Fact]
    public void TheGraphIsReadFromTheSources()
    {
        // Were the scan blind, the order test would pass on anything: a use known to be there must be found.
        Assert.Contains(Uses(), u => u is { From: "Streaming", To: "Lists", File: "StreamQueries.cs" });
    }

    private static string CorePath => RepositoryFiles.PathOf("src", "Kindred.Core");

    private static List<(string From, string To, string File)> Uses()
    {
        var uses = new List<(string, string, string)>();
        foreach (var feature in Order)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(CorePath, feature), "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                foreach (var other in FeatureName().Matches(text).Select(m => m.Groups[1].Value).Distinct())
                {
                    if (other != feature && Order.Contains(other))
                    {
                        uses.Add((feature, other, Path.GetFileName(file)));
                    }
                }
            }
        }
        return uses;
    }

    [GeneratedRegex(@"\bKindred\.Core\.([A-Z][A-Za-z]*)")]
    private static partial Regex FeatureName();
}
