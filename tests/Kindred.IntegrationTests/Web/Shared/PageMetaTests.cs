using System.Globalization;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kindred.IntegrationTests.Web.Pages.LandingPageTests;

namespace Kindred.IntegrationTests.Web.Shared;

/// <summary>OpenGraph, schema.org JSON-LD, feed autodiscovery and share links: on what anonymous visitors may read,
/// never on anything else.</summary>
public abstract class PageMetaTests(KindredApp app)
{
    private static int users;

    private async Task<(User User, string Name, string Token)> MemberAsync(string prefix)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name);
        return (user, name, await app.TokenAsync(name));
    }

    private async Task<IHtmlDocument> GetAsync(string url, HttpClient? browser = null) =>
        new HtmlParser().ParseDocument(await Html.GetAsync(browser ?? app.Browser(), url));

    private static IEnumerable<string> FeedLinks(IHtmlDocument document) =>
        document.Head!.QuerySelectorAll("link[rel=alternate]").Select(l => l.GetAttribute("type") + " " + l.GetAttribute("href"));

    private static bool Describes(IHtmlDocument document) =>
        document.Head!.QuerySelectorAll("meta").Any(m => (m.GetAttribute("property") ?? m.GetAttribute("name") ?? "").StartsWith("og:", StringComparison.Ordinal)
            || (m.GetAttribute("name") ?? "").StartsWith("twitter:", StringComparison.Ordinal))
        || document.QuerySelectorAll("script[type='application/ld+json']").Length > 0;

    [Fact]
    public async Task APublicProfileCarriesOpenGraphAProfilePageAndItsFeeds()
    {
        var (_, name, token) = await MemberAsync("meta_profile");
        await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent(new Dictionary<string, string> { ["display_name"] = "Sam Lee", ["note"] = "I grow tomatoes." }));

        var document = await GetAsync($"/@{name}");

        Assert.Equal("profile", Meta(document, "og:type"));
        Assert.Equal("Sam Lee", Meta(document, "og:title"));
        Assert.Equal("I grow tomatoes.", Meta(document, "og:description"));
        Assert.Equal("Helping Hands", Meta(document, "og:site_name"));
        Assert.Equal($"http://localhost/@{name}", Meta(document, "og:url"));
        Assert.Equal("http://localhost/img/avatar.png", Meta(document, "og:image"));
        Assert.Equal("summary", Meta(document, "twitter:card"));
        Assert.Contains($"application/rss+xml http://localhost/@{name}.rss", FeedLinks(document));
        Assert.Contains($"application/atom+xml http://localhost/@{name}.atom", FeedLinks(document));
        var data = JsonLdOf(document).Single();
        Assert.Equal("ProfilePage", data.GetProperty("@type").GetString());
        Assert.Equal("Person", data.GetProperty("mainEntity").GetProperty("@type").GetString());
        Assert.Equal("Sam Lee", data.GetProperty("mainEntity").GetProperty("name").GetString());
        Assert.Equal("@" + name, data.GetProperty("mainEntity").GetProperty("alternateName").GetString());
        Assert.Equal($"http://localhost/@{name}", document.QuerySelector("#share-url")!.GetAttribute("value"));
        Assert.StartsWith("mailto:?subject=Sam%20Lee&body=http%3A%2F%2Flocalhost%2F%40", document.QuerySelector(".share-links a")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProfileThatHidesItselfIsNotDescribedAndHasNoFeeds()
    {
        var (user, name, _) = await MemberAsync("meta_hidden");
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Discoverable, false)));

        var document = await GetAsync($"/@{name}");

        Assert.False(Describes(document));
        Assert.Empty(FeedLinks(document));
        Assert.Equal("noindex", Meta(document, "robots"));
        Assert.Null(document.QuerySelector(".share"));
    }

    [Fact]
    public async Task APublicPostIsASocialMediaPostingWithShareLinks()
    {
        var (_, name, token) = await MemberAsync("meta_post");
        var id = (await app.PostStatusAsync(token, "Soup kitchen on **Friday**")).GetProperty("id").GetString()!;

        var document = await GetAsync($"/@{name}/{id}");

        var data = JsonLdOf(document).Single();
        Assert.Equal("SocialMediaPosting", data.GetProperty("@type").GetString());
        Assert.Equal($"http://localhost/@{name}/{id}", data.GetProperty("url").GetString());
        Assert.Equal("Soup kitchen on Friday", data.GetProperty("articleBody").GetString());
        Assert.Equal($"http://localhost/@{name}", data.GetProperty("author").GetProperty("url").GetString());
        Assert.True(DateTime.TryParse(data.GetProperty("datePublished").GetString(), CultureInfo.InvariantCulture, out _));
        Assert.Equal("Helping Hands", Meta(document, "og:site_name"));
        Assert.Equal($"http://localhost/@{name}/{id}", document.QuerySelector("#share-url")!.GetAttribute("value"));
    }

    [Fact]
    public async Task APostBehindAContentWarningIsDescribedByItsWarningOnly()
    {
        var (_, name, token) = await MemberAsync("meta_cw");
        var id = (await app.PostStatusAsync(token, "the folded details", spoilerText: "Health")).GetProperty("id").GetString()!;

        var document = await GetAsync($"/@{name}/{id}");

        var data = JsonLdOf(document).Single();
        Assert.Equal("Health", data.GetProperty("headline").GetString());
        Assert.False(data.TryGetProperty("articleBody", out _));
        Assert.DoesNotContain("folded", document.Head!.InnerHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unlisted")]
    [InlineData("members_only")]
    [InlineData("private")]
    public async Task NonPublicPostsAreNotDescribedEvenToReadersWhoMaySeeThem(string visibility)
    {
        var (_, name, token) = await MemberAsync("meta_quiet");
        var id = (await app.PostStatusAsync(token, "not for crawlers", visibility)).GetProperty("id").GetString()!;
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, name, KindredApp.Password);

        var document = await GetAsync($"/@{name}/{id}", browser);

        Assert.False(Describes(document));
        Assert.Null(document.QuerySelector(".share"));
        Assert.Equal("noindex", Meta(document, "robots"));
    }

    [Theory]
    [InlineData(GroupVisibility.Members)]
    [InlineData(GroupVisibility.Secret)]
    public async Task APublicPostInAGroupThatIsNotPublicIsNotDescribedToItsMembers(GroupVisibility visibility)
    {
        var (user, name, token) = await MemberAsync("meta_group");
        var group = await TestGroups.CreateAsync(app, "meta-" + Guid.NewGuid().ToString("N")[..10], visibility, user.Id);
        var id = (await app.PostStatusAsync(token, "inside the circle")).GetProperty("id").GetString()!;
        await TestGroups.MoveIntoAsync(app, id, group.Id);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, name, KindredApp.Password);

        var document = await GetAsync($"/@{name}/{id}", browser);

        Assert.Contains("inside the circle", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.False(Describes(document));
        Assert.Null(document.QuerySelector(".share"));
        await Html.GetAsync(app.Browser(), $"/@{name}/{id}", System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APublicGroupPostIsDescribed()
    {
        var (user, name, token) = await MemberAsync("meta_pgroup");
        var group = await TestGroups.CreateAsync(app, "open-" + Guid.NewGuid().ToString("N")[..10], GroupVisibility.Public, user.Id);
        var id = (await app.PostStatusAsync(token, "open to all")).GetProperty("id").GetString()!;
        await TestGroups.MoveIntoAsync(app, id, group.Id);

        var document = await GetAsync($"/@{name}/{id}");

        Assert.Equal("SocialMediaPosting", JsonLdOf(document).Single().GetProperty("@type").GetString());
    }

    [Fact]
    public async Task APublicGroupPageIsDescribedWithItsFeeds()
    {
        var (user, _, _) = await MemberAsync("meta_gpage");
        var slug = "garden-" + Guid.NewGuid().ToString("N")[..10];
        await TestGroups.CreateAsync(app, slug, GroupVisibility.Public, user.Id, description: "Seeds and tools.");

        var document = await GetAsync($"/groups/{slug}");

        Assert.True(Describes(document));
        Assert.Equal("Seeds and tools.", Meta(document, "og:description"));
        var data = JsonLdOf(document).Single();
        Assert.Equal($"http://localhost/groups/{slug}", data.GetProperty("url").GetString());
        Assert.Contains($"application/rss+xml http://localhost/groups/{slug}.rss", FeedLinks(document));
    }

    [Theory]
    [InlineData(GroupVisibility.Members)]
    [InlineData(GroupVisibility.Secret)]
    public async Task AGroupPageThatIsNotPublicIsNotDescribedEvenToItsMembers(GroupVisibility visibility)
    {
        var (user, name, _) = await MemberAsync("meta_gclosed");
        var slug = "circle-" + Guid.NewGuid().ToString("N")[..10];
        await TestGroups.CreateAsync(app, slug, visibility, user.Id, description: "Our circle.");
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, name, KindredApp.Password);

        var document = await GetAsync($"/groups/{slug}", browser);

        Assert.Contains("Our circle.", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.False(Describes(document));
        Assert.Empty(JsonLdOf(document));
        Assert.Empty(FeedLinks(document));
        Assert.Equal("noindex", Meta(document, "robots"));
    }

    [Fact]
    public async Task UserTextCannotBreakOutOfTheJsonLdBlock()
    {
        const string Evil = "</script><script>alert(1)</script><!-- \"quoted\" & 'single' +";
        var (_, name, token) = await MemberAsync("meta_evil");
        await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent(new Dictionary<string, string> { ["display_name"] = Evil[..30], ["note"] = Evil }));
        var id = (await app.PostStatusAsync(token, "x " + Evil)).GetProperty("id").GetString()!;

        foreach (var url in new[] { $"/@{name}", $"/@{name}/{id}" })
        {
            var response = await app.Browser().GetAsync(url);
            var page = await response.Content.ReadAsStringAsync();
            var document = new HtmlParser().ParseDocument(page);

            // One data block, no other inline script, and the text survives as data.
            var blocks = document.QuerySelectorAll("script[type='application/ld+json']");
            Assert.Single(blocks);
            Assert.All(document.QuerySelectorAll("script").Where(s => s.GetAttribute("type") != "application/ld+json"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
            Assert.DoesNotContain("<script>alert", page, StringComparison.OrdinalIgnoreCase);
            // "</script" closes only real script elements: user text never ends the data block early.
            Assert.Equal(document.QuerySelectorAll("script").Length, System.Text.RegularExpressions.Regex.Count(page, "</script", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
            // The data block is allowed by the page's policy without unsafe-inline: it is never executed.
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        }
        var profile = JsonLdOf(await GetAsync($"/@{name}")).Single();
        Assert.Equal(Evil[..30], profile.GetProperty("mainEntity").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AHashtagPageOffersItsFeedsOnceTheTagIsUsed()
    {
        var (_, _, token) = await MemberAsync("meta_tag");
        var tag = "metatag" + Guid.NewGuid().ToString("N")[..6];
        Assert.Empty(FeedLinks(await GetAsync($"/tags/{tag}")));

        await app.PostStatusAsync(token, $"hello #{tag}");

        var document = await GetAsync($"/tags/{tag}");
        Assert.Contains($"application/rss+xml http://localhost/tags/{tag}.rss", FeedLinks(document));
        Assert.Equal("#" + tag, Meta(document, "og:title"));
    }
}

public sealed class PageMetaSqliteTests(SqliteApp app) : PageMetaTests(app), IClassFixture<SqliteApp>;

public sealed class PageMetaPostgresTests(PostgresApp app) : PageMetaTests(app), IClassFixture<PostgresApp>;
