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
