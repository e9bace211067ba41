using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Web.Statuses;

/// <summary>What a public post page tells link previews (OpenGraph, Twitter cards), what other posts do not, and
/// script sent through the API coming back as harmless text on the page.</summary>
public abstract class PublicStatusPagesTests(KindredApp app)
{
    private static int users;

    private async Task<(string Name, string Token)> MemberAsync(string prefix)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        await app.CreateUserAsync(name);
        return (name, await app.TokenAsync(name));
    }

    private static Dictionary<string, string> Meta(string page)
    {
        var document = new HtmlParser().ParseDocument(page);
        return document.Head!.QuerySelectorAll("meta")
            .Select(m => (Key: m.GetAttribute("property") ?? m.GetAttribute("name"), Value: m.GetAttribute("content")))
            .Where(m => m.Key is not null && m.Value is not null)
            .GroupBy(m => m.Key!)
            .ToDictionary(g => g.Key, g => g.First().Value!);
    }

    [Fact]
    public async Task APublicPostPageCarriesOpenGraphAndTwitterCardTagsWithAPlainTextExcerpt()
    {
        var (name, token) = await MemberAsync("og_author");
        var id = (await app.PostStatusAsync(token, "Join us **Saturday** at the <i>garden</i> & bring #seeds\n\nSecond paragraph")).GetProperty("id").GetString()!;

        var meta = Meta(await Html.GetAsync(app.Browser(), $"/@{name}/{id}"));

        Assert.Equal("article", meta["og:type"]);
        Assert.Equal($"{name} (@{name})", meta["og:title"]);
        Assert.Equal($"http://localhost/@{name}/{id}", meta["og:url"]);
        Assert.Equal("summary", meta["twitter:card"]);
        Assert.Equal("Join us Saturday at the <i>garden</i> & bring #seeds Second paragraph", meta["og:description"]);
        Assert.Equal(meta["og:description"], meta["twitter:description"]);
        Assert.False(meta.ContainsKey("robots"));
    }

    [Fact]
    public async Task ALongPostIsCutAndAContentWarningIsDescribedByTheWarningOnly()
    {
        var (name, token) = await MemberAsync("og_long");
        var longId = (await app.PostStatusAsync(token, string.Concat(Enumerable.Repeat("word ", 100)))).GetProperty("id").GetString()!;
        var description = Meta(await Html.GetAsync(app.Browser(), $"/@{name}/{longId}"))["og:description"];
        Assert.True(description.Length <= 200, description);
        Assert.EndsWith("…", description, StringComparison.Ordinal);

        var warned = (await app.PostStatusAsync(token, "the hidden details", spoilerText: "Health")).GetProperty("id").GetString()!;
        var page = await Html.GetAsync(app.Browser(), $"/@{name}/{warned}");
        Assert.Equal("Health", Meta(page)["og:description"]);
        Assert.DoesNotContain("the hidden details", string.Join(' ', Meta(page).Values), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unlisted")]
    [InlineData("members_only")]
    [InlineData("private")]
    public async Task OtherPostsHaveNoPreviewTagsEvenForReadersWhoMaySeeThem(string visibility)
    {
        var (name, token) = await MemberAsync("og_quiet");
        var id = (await app.PostStatusAsync(token, "not for previews", visibility)).GetProperty("id").GetString()!;
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, name, KindredApp.Password);

        var meta = Meta(await Html.GetAsync(browser, $"/@{name}/{id}"));

        Assert.DoesNotContain(meta.Keys, k => k.StartsWith("og:", StringComparison.Ordinal) || k.StartsWith("twitter:", StringComparison.Ordinal));
        Assert.Equal("noindex", meta["robots"]);
    }

    [Fact]
    public async Task ScriptPostedThroughTheApiComesBackAsHarmlessTextOnThePage()
    {
        var (name, token) = await MemberAsync("xss_author");
        string[] vectors =
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"java&#x09;script:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "\"><script>alert(1)</script>",
            "![x\" onerror=\"alert(1)](https://example.org/a.png)",
        ];
        foreach (var vector in vectors)
        {
            var id = (await app.PostStatusAsync(token, "before " + vector + " after", spoilerText: null)).GetProperty("id").GetString()!;
            var page = await Html.GetAsync(app.Browser(), $"/@{name}/{id}");
            var document = new HtmlParser().ParseDocument(page);
            var content = document.QuerySelector("article .post-content")!;
            Assert.Contains("before", content.TextContent, StringComparison.Ordinal);
            Assert.Empty(content.QuerySelectorAll("script, img, svg, iframe, object, embed, style"));
            foreach (var element in content.QuerySelectorAll("*"))
            {
                Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
                var href = element.GetAttribute("href");
                Assert.True(href is null || href.StartsWith("http", StringComparison.Ordinal), $"{vector}: href {href}");
            }
            // No script anywhere on the page but the site's own files and the JSON-LD data block, which is never run and
            // must still be valid JSON.
            Assert.All(document.QuerySelectorAll("script"), s => Assert.True(!string.IsNullOrEmpty(s.GetAttribute("src"))
                || (s.GetAttribute("type") == "application/ld+json" && System.Text.Json.JsonDocument.Parse(s.TextContent) is not null)));
            Assert.Empty(document.QuerySelectorAll("[onerror], [onload], [onclick]"));
        }
    }
}

public sealed class PublicStatusPagesSqliteTests(SqliteApp app) : PublicStatusPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PublicStatusPagesPostgresTests(PostgresApp app) : PublicStatusPagesTests(app), IClassFixture<PostgresApp>;
