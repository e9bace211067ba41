using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Feeds;

/// <summary>RSS 2.0 and Atom feeds of profiles, hashtags and public groups: well-formed, public posts of public places
/// only, conditional GET, and 404 for what the open web may not read.</summary>
public abstract class FeedTests(KindredApp app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static int users;

    private async Task<(User User, string Name, string Token)> MemberAsync(string prefix)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name);
        return (user, name, await app.TokenAsync(name));
    }

    private async Task<XDocument> FeedAsync(string url, string contentType)
    {
        var response = await app.Api().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(body);
    }

    /// <summary>The text of every item of an RSS or Atom feed (titles and bodies).</summary>
    private async Task<List<string>> ItemsAsync(string path)
    {
        var rss = await FeedAsync(path + ".rss", "application/rss+xml");
        Assert.Equal("2.0", rss.Root!.Attribute("version")!.Value);
        var rssItems = rss.Root.Element("channel")!.Elements("item").Select(i => (string?)i.Element("title") + " " + (string?)i.Element("description")).ToList();
        var atom = await FeedAsync(path + ".atom", "application/atom+xml");
        Assert.Equal(Atom + "feed", atom.Root!.Name);
        var atomItems = atom.Root.Elements(Atom + "entry").Select(e => (string?)e.Element(Atom + "title") + " " + (string?)e.Element(Atom + "content")).ToList();
        Assert.Equal(rssItems.Count, atomItems.Count);
        return rssItems;
    }

    [Fact]
    public async Task AProfileFeedListsPublicPostsNewestFirstWithLinksAndAuthors()
    {
        var (_, name, token) = await MemberAsync("feed_profile");
        var first = (await app.PostStatusAsync(token, "first #garden post")).GetProperty("id").GetString()!;
        var second = (await app.PostStatusAsync(token, "second post & more")).GetProperty("id").GetString()!;

        var rss = await FeedAsync($"/@{name}.rss", "application/rss+xml");
        var channel = rss.Root!.Element("channel")!;
        Assert.Equal($"Posts by {name}", (string?)channel.Element("title"));
        Assert.Equal($"http://localhost/@{name}", (string?)channel.Element("link"));
        var items = channel.Elements("item").ToList();
        Assert.Equal([$"http://localhost/@{name}/{second}", $"http://localhost/@{name}/{first}"], items.Select(i => (string?)i.Element("link")));
        Assert.Equal("second post & more", (string?)items[0].Element("title"));
        Assert.Contains("garden", items.Last().Elements("category").Select(c => c.Value));
        Assert.Contains("<p>second post &amp; more</p>", (string?)items[0].Element("description"), StringComparison.Ordinal);

        var atom = await FeedAsync($"/@{name}.atom", "application/atom+xml");
        var entries = atom.Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal($"http://localhost/@{name}/{second}", (string?)entries[0].Element(Atom + "id"));
        Assert.Equal(name, (string?)entries[0].Element(Atom + "author")!.Element(Atom + "name"));
        Assert.Contains(atom.Root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self" && (string?)l.Attribute("href") == $"http://localhost/@{name}.atom");
    }

    [Fact]
    public async Task APostBehindAContentWarningShowsOnlyTheWarningAndSensitiveImagesStayOnTheSite()
    {
        var (_, name, _) = await MemberAsync("feed_cw");
        var token = await app.TokenAsync(name);
        await app.PostStatusAsync(token, "the folded details", spoilerText: "Health");

        var items = await ItemsAsync($"/@{name}");

        var item = Assert.Single(items);
        Assert.StartsWith("Health ", item, StringComparison.Ordinal);
        Assert.DoesNotContain("folded", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagesAreInlinedWithTheirDescriptionUnlessThePostIsMarkedSensitive()
    {
        var (_, name, token) = await MemberAsync("feed_media");
        foreach (var (text, sensitive) in new[] { ("a plain photo", "false"), ("a sensitive photo", "true") })
        {
            var file = new ByteArrayContent(TestImages.Png(120, 80));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            var upload = new MultipartFormDataContent { { file, "file", "p.png" }, { new StringContent("Rows of leeks"), "description" } };
            var media = await KindredApp.Json(await app.Api(token).PostAsync("/api/v2/media", upload), HttpStatusCode.OK);
            var posted = await app.Api(token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["status"] = text,
                ["visibility"] = "public",
                ["sensitive"] = sensitive,
                ["media_ids[]"] = media.GetProperty("id").GetString()!,
            }));
            await KindredApp.Json(posted, HttpStatusCode.OK);
        }

        var items = (await FeedAsync($"/@{name}.rss", "application/rss+xml")).Root!.Element("channel")!.Elements("item")
            .ToDictionary(i => (string)i.Element("title")!, i => (string)i.Element("description")!);

        Assert.Contains("<img src=\"http://localhost/media/", items["a plain photo"], StringComparison.Ordinal);
        Assert.Contains("alt=\"Rows of leeks\"", items["a plain photo"], StringComparison.Ordinal);
        Assert.DoesNotContain("<img", items["a sensitive photo"], StringComparison.Ordinal);
        Assert.Contains("Sensitive image: view it on the site", items["a sensitive photo"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnchangedFeedsAnswerConditionalRequestsWithNotModified()
    {
        var (_, name, token) = await MemberAsync("feed_cache");
        await app.PostStatusAsync(token, "cache me");
        var client = app.Api();

        var response = await client.GetAsync($"/@{name}.rss");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag!;
        var lastModified = response.Content.Headers.LastModified!.Value;
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.True(response.Headers.CacheControl.MaxAge > TimeSpan.Zero);

        using (var again = new HttpRequestMessage(HttpMethod.Get, $"/@{name}.rss"))
        {
            again.Headers.IfNoneMatch.Add(etag);
            var notModified = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }
        using (var since = new HttpRequestMessage(HttpMethod.Get, $"/@{name}.rss"))
        {
            since.Headers.IfModifiedSince = lastModified;
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(since)).StatusCode);
        }

        await app.PostStatusAsync(token, "something new");
        using var changed = new HttpRequestMessage(HttpMethod.Get, $"/@{name}.rss");
        changed.Headers.IfNoneMatch.Add(etag);
        var fresh = await client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
        Assert.Contains("something new", await fresh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedsOfWhatTheOpenWebMayNotReadAreNotFound()
    {
        var (hidden, hiddenName, _) = await MemberAsync("feed_hidden");
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == hidden.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Discoverable, false)));
        var (disabled, disabledName, _) = await MemberAsync("feed_disabled");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, UserStatus.Disabled)));
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var members = await TestGroups.CreateAsync(app, "feed-members-" + stamp, GroupVisibility.Members, hidden.Id);
        var secret = await TestGroups.CreateAsync(app, "feed-secret-" + stamp, GroupVisibility.Secret, hidden.Id);

        foreach (var extension in new[] { "rss", "atom" })
        {
            foreach (var path in new[] { $"/@{hiddenName}", $"/@{disabledName}", "/@nobody_here", "/tags/neverusedtag" + stamp, $"/groups/{members.Slug}", $"/groups/{secret.Slug}", "/groups/no-such-group" })
            {
                var response = await app.Api().GetAsync($"{path}.{extension}");
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}.{extension}: {(int)response.StatusCode}");
            }
        }
        // A member of the secret group gets no more from its feed than anyone else: feeds are the anonymous view.
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, hiddenName, KindredApp.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/groups/{secret.Slug}.rss")).StatusCode);
    }

    /// <summary>
    /// Every audience × every place a post can be: only public posts outside groups or in public groups reach a feed,
    /// and a group feed has only its own group's public posts.
    /// </summary>
    [Fact]
    public async Task OnlyPublicPostsOfPublicPlacesReachAnyFeed()
    {
        var (author, name, token) = await MemberAsync("feed_matrix");
        var (other, _, _) = await MemberAsync("feed_reader");
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var tag = "matrix" + stamp;
        var places = new Dictionary<string, Group?>
        {
            ["nogroup"] = null,
            ["publicgroup"] = await TestGroups.CreateAsync(app, "m-public-" + stamp, GroupVisibility.Public, author.Id),
            ["membersgroup"] = await TestGroups.CreateAsync(app, "m-members-" + stamp, GroupVisibility.Members, author.Id),
            ["secretgroup"] = await TestGroups.CreateAsync(app, "m-secret-" + stamp, GroupVisibility.Secret, author.Id),
        };
        string[] audiences = ["public", "unlisted", "members_only", "private", "direct"];
        foreach (var (place, group) in places)
        {
            if (group is not null)
            {
                await TestGroups.JoinAsync(app, group.Id, other.Id);
            }
            foreach (var audience in audiences)
            {
                var mention = audience == "direct" ? $" @{(await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == other.Id).Select(a => a.Username).SingleAsync()))}" : "";
                var id = (await app.PostStatusAsync(token, $"m-{audience}-{place}-{stamp} #{tag}{mention}", audience)).GetProperty("id").GetString()!;
                if (group is not null)
                {
                    await TestGroups.MoveIntoAsync(app, id, group.Id);
                }
            }
        }

        static List<string> Markers(List<string> items, string stamp) =>
            items.Select(i => System.Text.RegularExpressions.Regex.Match(i, $@"m-[a-z_]+-[a-z]+-{stamp}").Value).Where(m => m.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

        List<string> expectedEverywhere = [$"m-public-nogroup-{stamp}", $"m-public-publicgroup-{stamp}"];
        Assert.Equal(expectedEverywhere, Markers(await ItemsAsync($"/@{name}"), stamp));
        Assert.Equal(expectedEverywhere, Markers(await ItemsAsync($"/tags/{tag}"), stamp));
        Assert.Equal(expectedEverywhere, Markers(await ItemsAsync("/community"), stamp));
        Assert.Equal([$"m-public-publicgroup-{stamp}"], Markers(await ItemsAsync($"/groups/{places["publicgroup"]!.Slug}"), stamp));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/groups/{places["membersgroup"]!.Slug}.rss")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/groups/{places["secretgroup"]!.Slug}.atom")).StatusCode);
    }

    [Fact]
    public async Task APublicGroupFeedIncludesItsPublicChaptersThatSurfaceInIt()
    {
        var (author, _, token) = await MemberAsync("feed_chapter");
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var parent = await TestGroups.CreateAsync(app, "parent-" + stamp, GroupVisibility.Public, author.Id);
        var chapter = await TestGroups.CreateAsync(app, "chapter-" + stamp, GroupVisibility.Public, author.Id);
        var secretChapter = await TestGroups.CreateAsync(app, "hidden-chapter-" + stamp, GroupVisibility.Secret, author.Id);
        await app.WithDbAsync(db => db.Groups.Where(g => g.Id == chapter.Id || g.Id == secretChapter.Id).ExecuteUpdateAsync(g => g.SetProperty(x => x.ParentId, parent.Id)));
        var fromChapter = (await app.PostStatusAsync(token, $"chapter-news-{stamp}")).GetProperty("id").GetString()!;
        await TestGroups.MoveIntoAsync(app, fromChapter, chapter.Id);
        var fromSecret = (await app.PostStatusAsync(token, $"secret-news-{stamp}")).GetProperty("id").GetString()!;
        await TestGroups.MoveIntoAsync(app, fromSecret, secretChapter.Id);

        var items = string.Join('\n', await ItemsAsync($"/groups/{parent.Slug}"));

        Assert.Contains($"chapter-news-{stamp}", items, StringComparison.Ordinal);
        Assert.DoesNotContain($"secret-news-{stamp}", items, StringComparison.Ordinal);
    }
}

public sealed class FeedSqliteTests(SqliteApp app) : FeedTests(app), IClassFixture<SqliteApp>;

public sealed class FeedPostgresTests(PostgresApp app) : FeedTests(app), IClassFixture<PostgresApp>;
