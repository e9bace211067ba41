using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Mastodon.Instance;

public abstract class InstanceTests(KindredApp app)
{
    [Fact]
    public async Task V2InstanceDescribesTheServerWithAParsableVersion()
    {
        var json = await KindredApp.Json(await app.Api().GetAsync("/api/v2/instance"), HttpStatusCode.OK);
        Assert.Equal("Helping Hands", json.GetProperty("title").GetString());
        Assert.StartsWith("4.3.0 (compatible; Kindred", json.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.Equal(5000, json.GetProperty("configuration").GetProperty("statuses").GetProperty("max_characters").GetInt32());
        Assert.Equal(4, json.GetProperty("configuration").GetProperty("statuses").GetProperty("max_media_attachments").GetInt32());
        Assert.True(json.GetProperty("registrations").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task V1InstanceAndRulesAnswer()
    {
        await app.WithDbAsync(async db =>
        {
            db.InstanceRules.Add(new InstanceRule { Id = 42, Position = 1, Text = "Be kind." });
            await db.SaveChangesAsync();
        });
        var v1 = await KindredApp.Json(await app.Api().GetAsync("/api/v1/instance"), HttpStatusCode.OK);
        Assert.Equal("localhost", v1.GetProperty("uri").GetString());
        var rules = await KindredApp.Json(await app.Api().GetAsync("/api/v1/instance/rules"), HttpStatusCode.OK);
        Assert.Contains(rules.EnumerateArray(), r => r.GetProperty("text").GetString() == "Be kind." && r.GetProperty("id").GetString() == "42");
    }

    [Fact]
    public async Task NodeInfoSaysUpstreamIsMastodon()
    {
        var index = await KindredApp.Json(await app.Api().GetAsync("/.well-known/nodeinfo"), HttpStatusCode.OK);
        var href = new Uri(index.GetProperty("links")[0].GetProperty("href").GetString()!);
        var json = await KindredApp.Json(await app.Api().GetAsync(href.AbsolutePath), HttpStatusCode.OK);
        Assert.Equal("2.0", json.GetProperty("version").GetString());
        Assert.Equal("kindred", json.GetProperty("software").GetProperty("name").GetString());
        Assert.Equal("mastodon", json.GetProperty("metadata").GetProperty("upstream").GetProperty("name").GetString());
    }

    [Fact]
    public async Task TheStatusCountsCountOnlyPostsASignedOutVisitorCouldRead()
    {
        var (before, beforeNodeInfo) = (await StatsAsync(), await LocalPostsAsync());
        Assert.Equal(before.GetProperty("status_count").GetInt32(), beforeNodeInfo);
        await app.CreateUserAsync("counted");
        var token = await app.TokenAsync("counted");
        await app.PostStatusAsync(token, "public, counted");
        await app.PostStatusAsync(token, "unlisted, counted", "unlisted");
        await app.PostStatusAsync(token, "followers only, not counted", "private");
        await app.PostStatusAsync(token, "members only, not counted", "members_only");
        await app.PostStatusAsync(token, "@owner direct, not counted", "direct");
        var deleted = await app.PostStatusAsync(token, "deleted, not counted");
        await KindredApp.Json(await app.Api(token).DeleteAsync($"/api/v1/statuses/{deleted.GetProperty("id").GetString()}"), HttpStatusCode.OK);

        var after = await StatsAsync();
        Assert.Equal(before.GetProperty("status_count").GetInt32() + 2, after.GetProperty("status_count").GetInt32());
        Assert.Equal(beforeNodeInfo + 2, await LocalPostsAsync());
        Assert.Equal(before.GetProperty("user_count").GetInt32() + 1, after.GetProperty("user_count").GetInt32());
        Assert.Equal(0, after.GetProperty("domain_count").GetInt32());
    }

    [Fact]
    public async Task ActivityGivesTwelveWeeksOfStringsNewestFirstWithThisWeeksPostsSignInsAndSignUps()
    {
        var before = await ActivityAsync(null);
        Assert.Equal(12, before.GetArrayLength());
        var today = DateTime.UtcNow.Date;
        var monday = new DateTimeOffset(today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), TimeSpan.Zero);
        for (var i = 0; i < 12; i++)
        {
            var week = before[i];
            Assert.Equal(monday.AddDays(-7 * i).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), week.GetProperty("week").GetString());
            foreach (var field in new[] { "statuses", "logins", "registrations" })
            {
                Assert.Equal(System.Text.Json.JsonValueKind.String, week.GetProperty(field).ValueKind);
            }
        }

        await app.CreateUserAsync("weekly");
        await OAuth.OAuthTests.SignInAsync(app.Browser(), "weekly");
        var token = await app.TokenAsync("weekly");
        await app.PostStatusAsync(token, "this week's public post");
        await app.PostStatusAsync(token, "this week's private post", "private");

        // The same for everyone, signed in or not, as on Mastodon.
        var after = await ActivityAsync(token);
        Assert.Equal(after.ToString(), (await ActivityAsync(null)).ToString());
        Assert.Equal(Count(before[0], "statuses") + 1, Count(after[0], "statuses"));
        Assert.Equal(Count(before[0], "logins") + 1, Count(after[0], "logins"));
        Assert.Equal(Count(before[0], "registrations") + 1, Count(after[0], "registrations"));
    }

    [Fact]
    public async Task PeersIsAnEmptyListUntilFederationForEveryone()
    {
        await app.CreateUserAsync("peerlooker");
        var token = await app.TokenAsync("peerlooker");
        foreach (var client in new[] { app.Api(), app.Api(token), app.Api(await app.AppTokenAsync("read")) })
        {
            var json = await KindredApp.Json(await client.GetAsync("/api/v1/instance/peers"), HttpStatusCode.OK);
            Assert.Equal(System.Text.Json.JsonValueKind.Array, json.ValueKind);
            Assert.Equal(0, json.GetArrayLength());
        }
    }

    private async Task<System.Text.Json.JsonElement> StatsAsync() =>
        (await KindredApp.Json(await app.Api().GetAsync("/api/v1/instance"), HttpStatusCode.OK)).GetProperty("stats");

    private async Task<int> LocalPostsAsync() =>
        (await KindredApp.Json(await app.Api().GetAsync("/nodeinfo/2.0"), HttpStatusCode.OK)).GetProperty("usage").GetProperty("localPosts").GetInt32();

    private async Task<System.Text.Json.JsonElement> ActivityAsync(string? token) =>
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/instance/activity"), HttpStatusCode.OK);

    private static int Count(System.Text.Json.JsonElement week, string field) =>
        int.Parse(week.GetProperty(field).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class InstanceSqliteTests(SqliteApp app) : InstanceTests(app), IClassFixture<SqliteApp>;

public sealed class InstancePostgresTests(PostgresApp app) : InstanceTests(app), IClassFixture<PostgresApp>;

public sealed class PasswordGrantDefaultTests(DefaultsApp app) : IClassFixture<DefaultsApp>
{
    [Fact]
    public async Task ThePasswordGrantIsOffUnlessConfigured()
    {
        await app.CreateUserAsync("scripted");
        var (id, secret) = await app.RegisterAppAsync("read");
        var response = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["username"] = "scripted",
            ["password"] = KindredApp.Password,
        }));
        var json = await KindredApp.Json(response, HttpStatusCode.BadRequest);
        Assert.Equal("unsupported_grant_type", json.GetProperty("error").GetString());
    }
}
