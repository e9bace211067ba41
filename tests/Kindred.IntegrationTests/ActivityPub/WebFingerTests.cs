using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.ActivityPub;

public abstract class WebFingerTests(KindredApp app)
{
    private async Task<HttpResponseMessage> FingerAsync(string resource) =>
        await app.Api().GetAsync("/.well-known/webfinger?resource=" + Uri.EscapeDataString(resource));

    private static async Task<JsonElement> JrdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jrd+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static string Self(JsonElement jrd) =>
        jrd.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "self"
            && l.GetProperty("type").GetString() == "application/activity+json").GetProperty("href").GetString()!;

    [Fact]
    public async Task AMemberIsFoundByHandleAndByActorAddress()
    {
        await app.CreateUserAsync("Wfalice");
        var jrd = await JrdAsync(await FingerAsync("acct:wfalice@localhost"));
        Assert.Equal("acct:Wfalice@localhost", jrd.GetProperty("subject").GetString());
        Assert.Equal("http://localhost/users/Wfalice", Self(jrd));
        Assert.Contains(jrd.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "http://webfinger.net/rel/profile-page"
            && l.GetProperty("href").GetString() == "http://localhost/@Wfalice");
        // Mastodon's reverse check looks the actor's preferredUsername up again, and handles typed with a leading @ work.
        Assert.Equal("http://localhost/users/Wfalice", Self(await JrdAsync(await FingerAsync("@Wfalice@localhost"))));
        Assert.Equal("acct:Wfalice@localhost", (await JrdAsync(await FingerAsync("http://localhost/users/Wfalice"))).GetProperty("subject").GetString());
        Assert.Equal("acct:Wfalice@localhost", (await JrdAsync(await FingerAsync("http://localhost/@wfalice"))).GetProperty("subject").GetString());
    }

    [Fact]
    public async Task TheOrganizationPublicGroupsAndTheServerAreFoundByHandle()
    {
        var organization = await app.WithDbAsync(db => db.Accounts.Where(a => db.Organizations.Any(o => o.AccountId == a.Id)).Select(a => a.Username).FirstAsync());
        Assert.Equal($"http://localhost/users/{organization}", Self(await JrdAsync(await FingerAsync($"acct:{organization}@localhost"))));

        var owner = await app.CreateUserAsync("wfgroupowner");
        await TestGroups.CreateAsync(app, "wfgarden", GroupVisibility.Public, owner.Id);
        Assert.Equal("http://localhost/groups/wfgarden", Self(await JrdAsync(await FingerAsync("acct:wfgarden@localhost"))));
        Assert.Equal("acct:wfgarden@localhost", (await JrdAsync(await FingerAsync("http://localhost/groups/wfgarden"))).GetProperty("subject").GetString());

        Assert.Equal("http://localhost/actor", Self(await JrdAsync(await FingerAsync("acct:localhost@localhost"))));
    }

    [Fact]
    public async Task NamesThatAreNotPublicAreNotFound()
    {
        var owner = await app.CreateUserAsync("wfhidden");
        await TestGroups.CreateAsync(app, "wfmembersonly", GroupVisibility.Members, owner.Id);
        await TestGroups.CreateAsync(app, "wfsecret", GroupVisibility.Secret, owner.Id);
        var disabled = await app.CreateUserAsync("wfdisabled");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, UserStatus.Disabled)));

        foreach (var resource in new[] { "acct:wfmembersonly@localhost", "acct:wfsecret@localhost", "acct:wfdisabled@localhost", "acct:nobody@localhost",
            "acct:wfhidden@elsewhere.example", "http://localhost/groups/wfsecret", "https://elsewhere.example/users/wfhidden" })
        {
            var response = await FingerAsync(resource);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/.well-known/webfinger")]
    [InlineData("/.well-known/webfinger?resource=")]
    [InlineData("/.well-known/webfinger?resource=acct:")]
    [InlineData("/.well-known/webfinger?resource=acct:nohost")]
    [InlineData("/.well-known/webfinger?resource=acct:someone@")]
    public async Task AMalformedResourceIsABadRequest(string path) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Api().GetAsync(path)).StatusCode);

    [Fact]
    public async Task HostMetaPointsAtWebFinger()
    {
        var response = await app.Api().GetAsync("/.well-known/host-meta");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xrd+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("template=\"http://localhost/.well-known/webfinger?resource={uri}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeInfo21CountsTheMembersWhoSignedInRecently()
    {
        async Task<JsonElement> UsersAsync() =>
            (await KindredApp.Json(await app.Api().GetAsync("/nodeinfo/2.1"), HttpStatusCode.OK)).GetProperty("usage").GetProperty("users");
        var index = await KindredApp.Json(await app.Api().GetAsync("/.well-known/nodeinfo"), HttpStatusCode.OK);
        Assert.Contains(index.GetProperty("links").EnumerateArray(), l => l.GetProperty("href").GetString() == "http://localhost/nodeinfo/2.1");
        var before = await UsersAsync();

        var recent = await app.CreateUserAsync("wfrecent");
        var months = await app.CreateUserAsync("wfmonthsago");
        await app.CreateUserAsync("wfnever");
        await app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == recent.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, DateTime.UtcNow.AddDays(-2)));
            await db.Users.Where(u => u.Id == months.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, DateTime.UtcNow.AddDays(-60)));
        });

        var after = await UsersAsync();
        Assert.Equal(before.GetProperty("total").GetInt32() + 3, after.GetProperty("total").GetInt32());
        Assert.Equal(before.GetProperty("activeMonth").GetInt32() + 1, after.GetProperty("activeMonth").GetInt32());
        Assert.Equal(before.GetProperty("activeHalfyear").GetInt32() + 2, after.GetProperty("activeHalfyear").GetInt32());
        var json = await KindredApp.Json(await app.Api().GetAsync("/nodeinfo/2.1"), HttpStatusCode.OK);
        Assert.Equal("2.1", json.GetProperty("version").GetString());
        Assert.Equal("http://localhost", json.GetProperty("software").GetProperty("repository").GetString());
    }
}

public sealed class WebFingerSqliteTests(SqliteApp app) : WebFingerTests(app), IClassFixture<SqliteApp>;

public sealed class WebFingerPostgresTests(PostgresApp app) : WebFingerTests(app), IClassFixture<PostgresApp>;
