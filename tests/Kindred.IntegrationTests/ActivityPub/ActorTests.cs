using System.Net;
using System.Net.Http.Headers;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.ActivityPub;

public abstract class ActorTests(KindredApp app)
{
    [Fact]
    public async Task AMemberIsAPersonWithAKeyThatStaysTheSame()
    {
        var user = await app.CreateUserAsync("acalice");
        var actor = await ActivityPubClient.JsonAsync(app, "/users/acalice");
        Assert.Equal("http://localhost/users/acalice", actor.GetProperty("id").GetString());
        Assert.Equal("Person", actor.GetProperty("type").GetString());
        Assert.Equal("acalice", actor.GetProperty("preferredUsername").GetString());
        Assert.Equal("http://localhost/users/acalice/inbox", actor.GetProperty("inbox").GetString());
        Assert.Equal("http://localhost/users/acalice/outbox", actor.GetProperty("outbox").GetString());
        Assert.Equal("http://localhost/inbox", actor.GetProperty("endpoints").GetProperty("sharedInbox").GetString());
        Assert.Equal("http://localhost/users/acalice/collections/featured", actor.GetProperty("featured").GetString());
        Assert.False(actor.GetProperty("manuallyApprovesFollowers").GetBoolean());
        var key = actor.GetProperty("publicKey");
        Assert.Equal("http://localhost/users/acalice#main-key", key.GetProperty("id").GetString());
        Assert.Equal("http://localhost/users/acalice", key.GetProperty("owner").GetString());
        var pem = key.GetProperty("publicKeyPem").GetString()!;
        using (var rsa = System.Security.Cryptography.RSA.Create())
        {
            rsa.ImportFromPem(pem);
            Assert.Equal(2048, rsa.KeySize);
        }

        var again = await ActivityPubClient.JsonAsync(app, "/@acalice", ActivityPubClient.LdJson);
        Assert.Equal(pem, again.GetProperty("publicKey").GetProperty("publicKeyPem").GetString());
        var stored = await app.WithDbAsync(db => db.ActorKeys.SingleAsync(k => k.OwnerKind == ActorKind.Account && k.OwnerId == user.Id));
        Assert.DoesNotContain("PRIVATE KEY", stored.ProtectedPrivateKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileFieldsAndTheLockedFlagAreShownButNeverTheHomeArea()
    {
        var user = await app.CreateUserAsync("acfields");
        await app.WithDbAsync(async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == user.Id);
            account.Locked = true;
            account.AreaName = "Secret Street";
            db.AccountFields.Add(new AccountField { AccountId = user.Id, Position = 0, Name = "Website", Value = "example.org", ValueHtml = "<a href=\"https://example.org\">example.org</a>" });
            await db.SaveChangesAsync();
        });
        var response = await ActivityPubClient.GetAsync(app, "/users/acfields");
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Secret Street", text, StringComparison.Ordinal);
        var actor = await ActivityPubClient.JsonAsync(app, "/users/acfields");
        Assert.True(actor.GetProperty("manuallyApprovesFollowers").GetBoolean());
        var field = Assert.Single(actor.GetProperty("attachment").EnumerateArray());
        Assert.Equal("PropertyValue", field.GetProperty("type").GetString());
        Assert.Equal("Website", field.GetProperty("name").GetString());
    }

    [Fact]
    public async Task TheOrganizationIsAnOrganizationAndAPublicGroupIsAGroup()
    {
        var organization = await app.WithDbAsync(db => db.Accounts.Where(a => db.Organizations.Any(o => o.AccountId == a.Id)).Select(a => a.Username).FirstAsync());
        Assert.Equal("Organization", (await ActivityPubClient.JsonAsync(app, "/users/" + organization)).GetProperty("type").GetString());

        var owner = await app.CreateUserAsync("acgroupowner");
        await TestGroups.CreateAsync(app, "acgarden", GroupVisibility.Public, owner.Id, "Growing things together.");
        var group = await ActivityPubClient.JsonAsync(app, "/groups/acgarden");
        Assert.Equal("Group", group.GetProperty("type").GetString());
        Assert.Equal("http://localhost/groups/acgarden", group.GetProperty("id").GetString());
        Assert.Equal("http://localhost/groups/acgarden/inbox", group.GetProperty("inbox").GetString());
        Assert.Equal("http://localhost/groups/acgarden#main-key", group.GetProperty("publicKey").GetProperty("id").GetString());

        // The same address in a browser is the group's page.
        using var page = new HttpRequestMessage(HttpMethod.Get, "/groups/acgarden");
        page.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/html"));
        var html = await app.Api().SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);

        await TestGroups.CreateAsync(app, "acmembers", GroupVisibility.Members, owner.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await ActivityPubClient.GetAsync(app, "/groups/acmembers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ActivityPubClient.GetAsync(app, "/groups/acmembers/outbox")).StatusCode);
    }

    [Fact]
    public async Task TheServerHasAnApplicationActor()
    {
        var actor = await ActivityPubClient.JsonAsync(app, "/actor");
        Assert.Equal("Application", actor.GetProperty("type").GetString());
        Assert.Equal("http://localhost/actor#main-key", actor.GetProperty("publicKey").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ABrowserIsSentToTheProfilePage()
    {
        await app.CreateUserAsync("acbrowser");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/acbrowser");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/html"));
        var response = await app.Api().SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/@acbrowser", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SuspendedAndUnknownMembersAreNotFoundAndNeverJson()
    {
        var disabled = await app.CreateUserAsync("acdisabled");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, UserStatus.Disabled)));
        foreach (var path in new[] { "/users/acdisabled", "/users/acdisabled/outbox", "/users/acdisabled/followers", "/users/nobodyhere", "/@acdisabled" })
        {
            var response = await ActivityPubClient.GetAsync(app, path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("application/activity+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task TheOutboxHoldsPublicPostsOnly()
    {
        await app.CreateUserAsync("acwriter");
        var token = await app.TokenAsync("acwriter");
        await app.PostStatusAsync(token, "outbox public words");
        await app.PostStatusAsync(token, "outbox unlisted words", "unlisted");
        await app.PostStatusAsync(token, "outbox followers words", "private");
        await app.PostStatusAsync(token, "outbox members words", "members_only");
        var outbox = await ActivityPubClient.JsonAsync(app, "/users/acwriter/outbox");
        Assert.Equal("OrderedCollection", outbox.GetProperty("type").GetString());
        Assert.Equal(1, outbox.GetProperty("totalItems").GetInt32());
        var page = await ActivityPubClient.JsonAsync(app, new Uri(outbox.GetProperty("first").GetString()!).PathAndQuery);
        var item = Assert.Single(page.GetProperty("orderedItems").EnumerateArray());
        Assert.Equal("Create", item.GetProperty("type").GetString());
        Assert.Contains("outbox public words", item.GetProperty("object").GetProperty("content").GetString(), StringComparison.Ordinal);
        var raw = await (await ActivityPubClient.GetAsync(app, new Uri(outbox.GetProperty("first").GetString()!).PathAndQuery)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("unlisted words", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("followers words", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("members words", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HideMyNetworkLeavesOnlyTheCounts()
    {
        var shown = await app.CreateUserAsync("acshown");
        var hidden = await app.CreateUserAsync("achidden");
        await app.CreateUserAsync("acfan");
        var token = await app.TokenAsync("acfan");
        foreach (var target in new[] { shown.Id, hidden.Id })
        {
            await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/accounts/{target}/follow", null), HttpStatusCode.OK);
        }
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == hidden.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.HideCollections, true)));

        var open = await ActivityPubClient.JsonAsync(app, "/users/acshown/followers");
        Assert.Equal(1, open.GetProperty("totalItems").GetInt32());
        var page = await ActivityPubClient.JsonAsync(app, new Uri(open.GetProperty("first").GetString()!).PathAndQuery);
        Assert.Equal("http://localhost/users/acfan", Assert.Single(page.GetProperty("orderedItems").EnumerateArray()).GetString());

        var closed = await ActivityPubClient.JsonAsync(app, "/users/achidden/followers");
        Assert.Equal(1, closed.GetProperty("totalItems").GetInt32());
        Assert.False(closed.TryGetProperty("first", out _));
        var closedPage = await (await ActivityPubClient.GetAsync(app, "/users/achidden/followers?page=true")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("acfan", closedPage, StringComparison.Ordinal);
    }
}

public sealed class ActorSqliteTests(SqliteApp app) : ActorTests(app), IClassFixture<SqliteApp>;

public sealed class ActorPostgresTests(PostgresApp app) : ActorTests(app), IClassFixture<PostgresApp>;
