using Kindred.Core.Search;

namespace Kindred.UnitTests.Search;

public class LocalUrlTests
{
    [Theory]
    [InlineData("https://kindred.example/@alice", "alice", null)]
    [InlineData("https://KINDRED.example/@alice/12345", "alice", 12345L)]
    [InlineData("https://kindred.example/users/alice", "alice", null)]
    [InlineData("https://kindred.example/users/alice/statuses/12345/", "alice", 12345L)]
    public void ThisServersProfileAndPostUrlsAreRead(string url, string username, long? statusId) =>
        Assert.Equal((username, statusId), LocalUrl.Parse(url, "https://kindred.example"));

    [Theory]
    [InlineData("https://elsewhere.example/@alice")]
    [InlineData("https://kindred.example:8443/@alice")]
    [InlineData("ftp://kindred.example/@alice")]
    [InlineData("https://kindred.example/@alice/notanumber")]
    [InlineData("https://kindred.example/tags/jardin")]
    [InlineData("https://kindred.example/@")]
    [InlineData("alice")]
    public void AnythingElseIsNotOurs(string url) =>
        Assert.Null(LocalUrl.Parse(url, "https://kindred.example"));

    [Fact]
    public void APathBaseIsRespected()
    {
        Assert.Equal(("bob", (long?)7), LocalUrl.Parse("https://example.org/community/@bob/7", "https://example.org/community"));
        Assert.Null(LocalUrl.Parse("https://example.org/@bob/7", "https://example.org/community"));
    }
}
