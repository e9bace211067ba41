using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Web.Live;

/// <summary>The notifications page, the nav's unread count, and the web UI's cookie-authenticated live stream.</summary>
public abstract class LivePagesTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private async Task<int> UnreadAsync(string token) =>
        (await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/notifications/unread_count"), HttpStatusCode.OK)).GetProperty("count").GetInt32();

    [Fact]
    public async Task TheNotificationsPageListsThemShowsTheCountInTheNavAndMarksThemRead()
    {
        var reader = await app.CreateUserAsync("lp_reader");
        await app.CreateUserAsync("lp_author");
        var readerToken = await app.TokenAsync("lp_reader");
        var author = await app.TokenAsync("lp_author");
        await KindredApp.Json(await app.Api(author).PostAsync($"/api/v1/accounts/{reader.Id}/follow", new FormUrlEncodedContent([])), HttpStatusCode.OK);
        var mention = await app.PostStatusAsync(author, "hello @lp_reader");
        Assert.Equal(2, await UnreadAsync(readerToken));

        var browser = await SignedInAsync("lp_reader");
        var home = await browser.GetStringAsync("/");
        Assert.Contains("href=\"/notifications\"", home, StringComparison.Ordinal);
        Assert.Contains(">2</span>", home, StringComparison.Ordinal);
        Assert.Contains("js/live", home, StringComparison.Ordinal);
        Assert.Contains("id=\"live-posts\"", home, StringComparison.Ordinal);

        var page = await browser.GetStringAsync("/notifications");
        Assert.Contains("lp_author mentioned you", page, StringComparison.Ordinal);
        Assert.Contains("lp_author followed you", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/@lp_author/{mention.GetProperty("id").GetString()}\"", page, StringComparison.Ordinal);
        Assert.Equal(0, await UnreadAsync(readerToken));
        Assert.DoesNotContain(">2</span>", await browser.GetStringAsync("/"), StringComparison.Ordinal);

        var french = WebUtility.HtmlDecode(await browser.GetStringAsync("/notifications?culture=fr"));
        Assert.Contains("lp_author vous a mentionné", french, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNotificationsPageNeedsSigningInAndTheLiveStreamRefusesVisitors()
    {
        var page = await app.Browser().GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        using var live = await app.Browser().GetAsync("/live/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, live.StatusCode);
    }

    [Fact]
    public async Task TheLiveStreamTellsTheSignedInPageOfNewPostsAndTheUnreadCount()
    {
        var reader = await app.CreateUserAsync("ls_reader");
        var author = await app.CreateUserAsync("ls_author");
        var readerToken = await app.TokenAsync("ls_reader");
        var authorToken = await app.TokenAsync("ls_author");
        await KindredApp.Json(await app.Api(readerToken).PostAsync($"/api/v1/accounts/{author.Id}/follow", new FormUrlEncodedContent([])), HttpStatusCode.OK);
        var browser = await SignedInAsync("ls_reader");
        using var response = await browser.GetAsync("/live/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(StreamClient.Patience);

        async Task<(string Event, JsonElement Data)> NextAsync()
        {
            string? line;
            do
            {
                line = await lines.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.StartsWith("event: ", StringComparison.Ordinal));
            var data = await lines.ReadLineAsync(timeout.Token);
            return (line!["event: ".Length..], JsonDocument.Parse(data!["data: ".Length..]).RootElement.Clone());
        }

        var posted = await app.PostStatusAsync(authorToken, "new for the feed");
        var update = await NextAsync();
        Assert.Equal("update", update.Event);
        Assert.Equal(posted.GetProperty("id").GetString(), update.Data.GetProperty("id").GetString());
        Assert.False(update.Data.GetProperty("mine").GetBoolean());

        await app.PostStatusAsync(authorToken, "and a mention, @ls_reader");
        // The post and its notification come from one commit, in either order.
        var received = new[] { await NextAsync(), await NextAsync() }.ToDictionary(e => e.Event, e => e.Data);
        Assert.True(received.ContainsKey("update"));
        Assert.Equal(1, received["notification"].GetProperty("unread").GetInt32());
        _ = reader;
    }
}

public sealed class LivePagesSqliteTests(SqliteApp app) : LivePagesTests(app), IClassFixture<SqliteApp>;

public sealed class LivePagesPostgresTests(PostgresApp app) : LivePagesTests(app), IClassFixture<PostgresApp>;
