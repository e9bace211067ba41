using Kindred.Core.Digests;

namespace Kindred.UnitTests.Digests;

public sealed class DigestEmailTests
{
    private static DigestMessage Render(DigestContent content, string locale = "en") =>
        DigestEmail.Render(content, DigestText.For(locale), "Sam <script>", "Helping Hands", daily: false, "https://community.example", "https://community.example/digest/unsubscribe?token=abc");

    private static DigestContent Posts(params DigestPost[] posts) => new(posts, posts.Length, [], [], []);

    [Fact]
    public void EverythingMembersWroteIsEncodedInTheHtml()
    {
        var message = Render(Posts(new DigestPost(1, "alice", "<b>Alice</b>", "<img src=x onerror=alert(1)> hello", false, "Gardeners & co", "gardeners")));
        Assert.DoesNotContain("<img", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", message.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Alice&lt;/b&gt;", message.Html, StringComparison.Ordinal);
        Assert.Contains("Gardeners &amp; co", message.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://community.example/@alice/1\"", message.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://community.example/groups/gardeners\"", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void APostBehindAContentWarningShowsOnlyTheWarning()
    {
        var message = Render(Posts(new DigestPost(2, "bob", "Bob", "Eviction news", true, null, null)));
        Assert.Contains("Content warning: Eviction news", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGroupSectionSaysHowManyMorePostsThereAre()
    {
        var post = new DigestPost(3, "carol", "Carol", "Hi", false, "Knitting", "knitting");
        Assert.Contains("and 11 more posts", Render(new DigestContent([post], 12, [], [], [])).Text, StringComparison.Ordinal);
        Assert.Contains("et 11 autres publications", Render(new DigestContent([post], 12, [], [], []), "fr").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void NewMembersShowTheirAreaAndNoDistance()
    {
        var content = new DigestContent([], 0, [], [new DigestNewMember("dave", "", "Croix-Rousse")], []);
        var message = Render(content);
        Assert.Contains("@dave (@dave), Croix-Rousse\n", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("km", message.Text, StringComparison.Ordinal);
        Assert.Contains("https://community.example/@dave", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FrenchMailsCountPrivateMessagesNameSensitiveRequestsByCategoryAndListEventsWithAnAreaOnly()
    {
        var content = new DigestContent([], 0, [], [], [])
        {
            PrivateMessages = 3,
            AidRequests = [new DigestAid(7, "shelter", null, null, null)],
            Events = [new DigestEvent(9, "Chorale", new DateTime(2026, 12, 10, 17, 30, 0, DateTimeKind.Utc), new DateTime(2026, 12, 10, 18, 30, 0), "Croix-Rousse", false, true)],
        };
        var message = Render(content, "fr");
        Assert.Contains("Vous avez 3 nouveaux messages privés.", message.Text, StringComparison.Ordinal);
        Assert.Contains("Une personne près de chez vous a besoin d'aide : hébergement et logement", message.Text, StringComparison.Ordinal);
        Assert.Contains("Événements à venir", message.Text, StringComparison.Ordinal);
        // Through TimeFormat (ADR 84): with no organization zone, fr-FR's day order and a 24-hour clock.
        Assert.Contains("- Chorale — jeu. 10 déc., 18:30, Croix-Rousse (vous avez répondu)", message.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://community.example/events/9\"", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void BothBodiesEndWithTheSettingsAndUnsubscribeLinks()
    {
        var message = Render(Posts(new DigestPost(4, "erin", "Erin", "Hello", false, null, null)), "fr");
        Assert.Equal("Votre résumé de la semaine — Helping Hands", message.Subject);
        foreach (var body in new[] { message.Text, message.Html })
        {
            Assert.Contains("https://community.example/settings/account#digest", body, StringComparison.Ordinal);
            Assert.Contains("https://community.example/digest/unsubscribe?token=abc", body, StringComparison.Ordinal);
        }
    }
}
