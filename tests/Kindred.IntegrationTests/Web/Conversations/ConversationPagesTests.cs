using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Conversations;

/// <summary>Private messages through the pages, posted like a browser without JavaScript.</summary>
public abstract class ConversationPagesTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient browser, string to, string text) =>
        Html.PostFormAsync(browser, "/messages", "new-message", new Dictionary<string, string> { ["Input.Recipient"] = to, ["Input.Text"] = text });

    private Task<int> DirectCountAsync(long authorId) =>
        app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == authorId && s.Visibility == Audience.Direct));

    [Fact]
    public async Task TwoMembersHoldAConversationAndOthersCannotOpenIt()
    {
        await app.CreateUserAsync("wm_alice");
        var bob = await app.CreateUserAsync("wm_bob");
        await app.CreateUserAsync("wm_eve");
        var alice = await SignedInAsync("wm_alice");
        Assert.Contains("href=\"/messages\"", await Html.GetAsync(alice, "/"), StringComparison.Ordinal);

        var sent = await SendAsync(alice, "@wm_bob", "Can you help on Saturday?");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var url = Html.Location(sent);
        Assert.Matches("^/messages/\\d+$", url);
        Assert.Contains("Can you help on Saturday?", await Html.GetAsync(alice, url), StringComparison.Ordinal);

        var bobBrowser = await SignedInAsync("wm_bob");
        var list = await Html.GetAsync(bobBrowser, "/messages");
        Assert.Contains("class=\"unread\"", list, StringComparison.Ordinal);
        Assert.Contains(url, list, StringComparison.Ordinal);
        var opened = await Html.GetAsync(bobBrowser, url);
        Assert.Contains("Can you help on Saturday?", opened, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"unread\"", await Html.GetAsync(bobBrowser, "/messages"), StringComparison.Ordinal);

        var reply = await Html.PostFormAsync(bobBrowser, url, "message-reply", new Dictionary<string, string> { ["Input.Text"] = "Yes, count me in." });
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        var stored = await app.WithDbAsync(db => db.Statuses.Include(s => s.Mentions).SingleAsync(s => s.AccountId == bob.Id));
        Assert.Equal(Audience.Direct, stored.Visibility);
        Assert.NotNull(stored.InReplyToId);
        Assert.Contains("class=\"unread\"", await Html.GetAsync(alice, "/messages"), StringComparison.Ordinal);
        Assert.Contains("Yes, count me in.", await Html.GetAsync(alice, url), StringComparison.Ordinal);

        var eve = await SignedInAsync("wm_eve");
        await Html.GetAsync(eve, url, HttpStatusCode.NotFound);
        Assert.DoesNotContain("Can you help", await Html.GetAsync(eve, "/messages"), StringComparison.Ordinal);
        await Html.GetAsync(app.Browser(), url, HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task TheSettingIsChosenOnTheProfilePageAndRespectedByEveryComposer()
    {
        var alice = await app.CreateUserAsync("wn_alice");
        var bob = await app.CreateUserAsync("wn_bob");
        var bobBrowser = await SignedInAsync("wn_bob");
        var saved = await Html.PostFormAsync(bobBrowser, "/settings/profile", "profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Bob",
            ["Input.Locale"] = "en",
            ["Input.DirectMessages"] = "Nobody",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(DirectMessagePolicy.Nobody, await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == bob.Id).Select(a => a.DirectMessages).SingleAsync()));

        var aliceBrowser = await SignedInAsync("wn_alice");
        var refused = await SendAsync(aliceBrowser, "wn_bob", "hello");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("@wn_bob does not accept private messages from you.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var composer = await Html.PostFormAsync(aliceBrowser, "/compose", "compose", new Dictionary<string, string>
        {
            ["Input.Text"] = "@wn_bob hello",
            ["Input.SpoilerText"] = "",
            ["Input.Visibility"] = "direct",
        });
        Assert.Equal(HttpStatusCode.OK, composer.StatusCode);
        Assert.Contains("does not accept private messages", await composer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await DirectCountAsync(alice.Id));

        var unknown = await SendAsync(aliceBrowser, "nobody_by_that_name", "hello");
        Assert.Contains("Nobody here is called @nobody_by_that_name.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var blank = await SendAsync(aliceBrowser, "wn_bob", "  ");
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Equal(0, await DirectCountAsync(alice.Id));

        // In French, the refusal reads in French.
        var french = app.Browser();
        french.DefaultRequestHeaders.Add("Accept-Language", "fr");
        await Web.Account.AccountFlowTests.SignInAsync(french, "wn_alice", KindredApp.Password);
        var refusedFr = await Html.PostFormAsync(french, "/messages?culture=fr", "new-message", new Dictionary<string, string> { ["Input.Recipient"] = "wn_bob", ["Input.Text"] = "bonjour" });
        Assert.Contains("n’accepte pas de messages privés", WebUtility.HtmlDecode(await refusedFr.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}

public sealed class ConversationPagesSqliteTests(SqliteApp app) : ConversationPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ConversationPagesPostgresTests(PostgresApp app) : ConversationPagesTests(app), IClassFixture<PostgresApp>;
