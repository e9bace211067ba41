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
        "Common", "Jobs", "Timelines", "Media", "Accounts", "Notifications", "Relationships", "Invitations", "Polls",
        "Conversations", "Statuses", "Groups", "Lists", "Streaming", "Events", "Aid", "Reports", "PublicFace",
        "Search", "Setup", "Markers", "Digests", "Announcements", "Demo",
    ];

    /// <summary>
    /// The uses that still point upwards, each with the files that make it. They wait for the access rules and
    /// <c>Viewer</c> to move into Common (issue 22, item 2) and for the invitation step of sign-up to move into Invitations (ADR 52). Take a line
    /// out when you remove its use; never add one.
    /// </summary>
    private static readonly Dictionary<(string From, string To), string[]> StillUpwards = new()
    {
        [("Accounts", "Invitations")] = ["AccountService.cs"],
        [("Common", "Jobs")] = ["MailJob.cs"],
        [("Notifications", "Aid")] = ["NotificationQueries.cs"],
        [("Notifications", "Events")] = ["NotificationQueries.cs"],
        [("Notifications", "Groups")] = ["NotificationQueries.cs"],
        [("Notifications", "Statuses")] = ["NotificationQueries.cs", "Notify.cs"],
        [("Polls", "Statuses")] = ["PollQueries.cs", "PollService.cs"],
        [("Conversations", "Statuses")] = ["ConversationQueries.cs"],
        [("Statuses", "Groups")] = ["StatusService.cs"],
    };

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
            .Where(u => !(StillUpwards.TryGetValue((u.From, u.To), out var files) && files.Contains(u.File)))
            .Select(u => $"{u.From}/{u.File} uses {u.To}")
            .ToList();

        Assert.Empty(upwards);
    }

    [Fact]
    public void EveryUseStillUpwardsIsStillThere()
    {
        // So the list only shrinks: a use that was removed must leave the list too.
        var uses = Uses().Select(u => (u.From, u.To, u.File)).ToHashSet();

        var gone = StillUpwards
            .SelectMany(e => e.Value.Select(file => (e.Key.From, e.Key.To, File: file)))
            .Where(e => !uses.Contains(e))
            .Select(e => $"{e.From}/{e.File} no longer uses {e.To}")
            .ToList();

        Assert.Empty(gone);
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
