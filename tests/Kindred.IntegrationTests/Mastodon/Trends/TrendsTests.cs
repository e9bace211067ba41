using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Trends;

/// <summary>Trends (ADR 80): tags, posts and links of the last week, made only of public posts anyone may read, never
/// telling of a members-only, followers-only or suspended member's post, and empty while an admin has them off.</summary>
public abstract class TrendsTests(KindredApp app)
{
    private async Task<(long Id, string Token)> MemberAsync(string username)
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id, await app.TokenAsync(username));
    }

    private async Task<JsonElement> GetAsync(string path, string? token = null) =>
        await KindredApp.Json(await app.Api(token).GetAsync(path), HttpStatusCode.OK);

    private static List<string> Names(JsonElement tags) => tags.EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task TrendingTagsAreThoseSeveralPeopleUsedInPublicPosts()
    {
        var (_, one) = await MemberAsync("tr_tag_one");
        var (_, two) = await MemberAsync("tr_tag_two");
        var (suspendedId, suspended) = await MemberAsync("tr_tag_suspended");
        await app.PostStatusAsync(one, "#Soupe du jour");
        await app.PostStatusAsync(two, "#soupe encore");
        await app.PostStatusAsync(one, "#secretsoupe", "members_only");
        await app.PostStatusAsync(two, "#secretsoupe", "private");
        await app.PostStatusAsync(one, "#secretsoupe", "unlisted");
        await app.PostStatusAsync(one, "#solosoupe");
        await app.PostStatusAsync(one, "#solosoupe again");
        await app.PostStatusAsync(one, "#gonesoupe");
        await app.PostStatusAsync(suspended, "#gonesoupe");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == suspendedId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Disabled)));

        var tags = await GetAsync("/api/v1/trends/tags?limit=20");
        var names = Names(tags);
        Assert.Contains("Soupe", names);
        foreach (var hidden in new[] { "secretsoupe", "solosoupe", "gonesoupe" })
        {
            Assert.DoesNotContain(hidden, names);
        }
        var soupe = tags.EnumerateArray().First(t => t.GetProperty("name").GetString() == "Soupe");
        Assert.Equal("2", soupe.GetProperty("history")[0].GetProperty("uses").GetString());
        Assert.Equal("2", soupe.GetProperty("history")[0].GetProperty("accounts").GetString());
        Assert.False(soupe.TryGetProperty("following", out _));
        Assert.False((await GetAsync("/api/v1/trends/tags?limit=20", one)).EnumerateArray()
            .First(t => t.GetProperty("name").GetString() == "Soupe").GetProperty("following").GetBoolean());
        Assert.Equal(names, Names(await GetAsync("/api/v1/trends?limit=20")));
    }

    [Fact]
    public async Task TrendingPostsAndLinksNeverRevealANonPublicPost()
    {
        var (_, one) = await MemberAsync("tr_post_one");
        var (_, two) = await MemberAsync("tr_post_two");
        var (_, reader) = await MemberAsync("tr_post_reader");
        var open = await app.PostStatusAsync(one, "open news https://example.org/open-link.");
        await app.PostStatusAsync(two, "me too https://example.org/open-link");
        var members = await app.PostStatusAsync(one, "members news https://example.org/members-link", "members_only");
        await app.PostStatusAsync(two, "members too https://example.org/members-link", "members_only");
        var followers = await app.PostStatusAsync(one, "followers only https://example.org/private-link", "private");
        foreach (var status in new[] { open, members })
        {
            await KindredApp.Json(await app.Api(reader).PostAsync($"/api/v1/statuses/{status.GetProperty("id").GetString()}/favourite", null), HttpStatusCode.OK);
        }
        await KindredApp.Json(await app.Api(one).PostAsync($"/api/v1/statuses/{followers.GetProperty("id").GetString()}/favourite", null), HttpStatusCode.OK);

        foreach (var token in new[] { null, reader })
        {
            var statuses = await GetAsync("/api/v1/trends/statuses?limit=40", token);
            var ids = statuses.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
            Assert.Contains(open.GetProperty("id").GetString(), ids);
            Assert.DoesNotContain(members.GetProperty("id").GetString(), ids);
            Assert.DoesNotContain(followers.GetProperty("id").GetString(), ids);

            var links = await GetAsync("/api/v1/trends/links?limit=20", token);
            var urls = links.EnumerateArray().Select(l => l.GetProperty("url").GetString()).ToList();
            Assert.Contains("https://example.org/open-link", urls);
            Assert.DoesNotContain("https://example.org/members-link", urls);
            Assert.DoesNotContain("https://example.org/private-link", urls);
            var link = links.EnumerateArray().First(l => l.GetProperty("url").GetString() == "https://example.org/open-link");
            Assert.Equal("link", link.GetProperty("type").GetString());
            Assert.Equal("example.org", link.GetProperty("provider_name").GetString());
            Assert.Equal("2", link.GetProperty("history")[0].GetProperty("accounts").GetString());
        }

        // A reader who blocks the author is not shown the post.
        await KindredApp.Json(await app.Api(reader).PostAsync($"/api/v1/accounts/{open.GetProperty("account").GetProperty("id").GetString()}/block", null), HttpStatusCode.OK);
        var blocked = await GetAsync("/api/v1/trends/statuses?limit=40", reader);
        Assert.DoesNotContain(open.GetProperty("id").GetString(), blocked.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AnAdminTurningTrendsOffEmptiesEveryListAndBadPagingIsRefused()
    {
        var (_, one) = await MemberAsync("tr_off_one");
        var (_, two) = await MemberAsync("tr_off_two");
        await app.PostStatusAsync(one, "#interrupteur https://example.org/switch");
        var liked = await app.PostStatusAsync(two, "#interrupteur https://example.org/switch");
        await KindredApp.Json(await app.Api(one).PostAsync($"/api/v1/statuses/{liked.GetProperty("id").GetString()}/favourite", null), HttpStatusCode.OK);
        Assert.NotEqual(0, (await GetAsync("/api/v1/trends/tags")).GetArrayLength());

        await app.WithDbAsync(db => db.Organizations.ExecuteUpdateAsync(s => s.SetProperty(o => o.TrendsOff, true)));
        try
        {
            foreach (var path in new[] { "/api/v1/trends/tags", "/api/v1/trends/statuses", "/api/v1/trends/links", "/api/v1/trends" })
            {
                Assert.Equal(0, (await GetAsync(path)).GetArrayLength());
                Assert.Equal(0, (await GetAsync(path, one)).GetArrayLength());
            }
        }
        finally
        {
            await app.WithDbAsync(db => db.Organizations.ExecuteUpdateAsync(s => s.SetProperty(o => o.TrendsOff, false)));
        }

        foreach (var query in new[] { "?offset=-1", "?offset=abc", "?limit=abc" })
        {
            var response = await app.Api().GetAsync("/api/v1/trends/tags" + query);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(1, (await GetAsync("/api/v1/trends/tags?limit=1")).GetArrayLength());
    }
}

public sealed class TrendsSqliteTests(SqliteApp app) : TrendsTests(app), IClassFixture<SqliteApp>;

public sealed class TrendsPostgresTests(PostgresApp app) : TrendsTests(app), IClassFixture<PostgresApp>;
