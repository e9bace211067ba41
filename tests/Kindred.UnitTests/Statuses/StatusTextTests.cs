using Kindred.Core.Statuses;

namespace Kindred.UnitTests.Statuses;

public class StatusTextTests
{
    [Fact]
    public void MentionsAreFoundInBothFormsWithoutRepeats()
    {
        var mentions = StatusText.Mentions("Hi @alice, @Bob@Example.org and @alice again");
        Assert.Equal([("alice", (string?)null), ("Bob", "example.org")], mentions);
    }

    [Fact]
    public void AMentionOfAPeerOnAPortKeepsThePort()
    {
        // Development-mode peers listen on a port; their accounts' domains carry it (ADR 105).
        var mentions = StatusText.Mentions("Hi @remote@127.0.0.1:8080, and @bob@example.org:");
        Assert.Equal([("remote", (string?)"127.0.0.1:8080"), ("bob", "example.org")], mentions);
    }

    [Theory]
    [InlineData("write to me@example.org")]
    [InlineData("see https://example.org/@alice")]
    [InlineData("code: a.@b")]
    public void AddressesAndLinksAreNotMentions(string text)
    {
        Assert.Empty(StatusText.Mentions(text));
    }

    [Fact]
    public void HashtagsAreNormalizedAndDeduplicated()
    {
        var tags = StatusText.Hashtags("#Événements and #evenements, #Garden_Club! #2024 https://example.org/page#anchor &#38;");
        Assert.Equal(["evenements", "garden_club"], tags.Select(t => t.Name));
        Assert.Equal("Événements", tags[0].Display);
    }

    [Fact]
    public void MentionsAndHashtagsBecomeLinksOnlyWhenKnown()
    {
        var html = StatusText.Render(
            "Thanks @alice and @nobody for #Help",
            (user, domain) => user == "alice" && domain is null ? "https://kindred.example/@alice" : null,
            tag => "https://kindred.example/tags/" + tag);
        Assert.Contains("<a href=\"https://kindred.example/@alice\"", html, StringComparison.Ordinal);
        Assert.Contains(">@alice</a>", html, StringComparison.Ordinal);
        Assert.Contains("@nobody", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/@nobody", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://kindred.example/tags/help\"", html, StringComparison.Ordinal);
    }
}
