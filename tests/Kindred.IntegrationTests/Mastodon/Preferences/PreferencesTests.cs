using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Mastodon.Preferences;

/// <summary>Preferences (ADR 80): Mastodon's keys, set through update_credentials' source[...], shown the same in
/// verify_credentials' source, applied to a post that names no visibility, sensitivity or language.</summary>
public abstract class PreferencesTests(KindredApp app)
{
    private async Task<JsonElement> PreferencesAsync(string token) =>
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/preferences"), HttpStatusCode.OK);

    private async Task<HttpResponseMessage> UpdateAsync(string token, Dictionary<string, string> form) =>
        await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent(form));

    [Fact]
    public async Task PreferencesHaveMastodonsKeysAndFollowTheSourceTheMemberSets()
    {
        await app.CreateUserAsync("pref_member");
        var token = await app.TokenAsync("pref_member");
        var initial = await PreferencesAsync(token);
        Assert.Equal("public", initial.GetProperty("posting:default:visibility").GetString());
        Assert.False(initial.GetProperty("posting:default:sensitive").GetBoolean());
        Assert.Equal(JsonValueKind.Null, initial.GetProperty("posting:default:language").ValueKind);
        Assert.Equal("default", initial.GetProperty("reading:expand:media").GetString());
        Assert.False(initial.GetProperty("reading:expand:spoilers").GetBoolean());

        await KindredApp.Json(await UpdateAsync(token, new()
        {
            ["source[privacy]"] = "unlisted",
            ["source[sensitive]"] = "true",
            ["source[language]"] = "FR",
        }), HttpStatusCode.OK);
        var changed = await PreferencesAsync(token);
        Assert.Equal("unlisted", changed.GetProperty("posting:default:visibility").GetString());
        Assert.True(changed.GetProperty("posting:default:sensitive").GetBoolean());
        Assert.Equal("fr", changed.GetProperty("posting:default:language").GetString());
        var source = (await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK)).GetProperty("source");
        Assert.Equal("unlisted", source.GetProperty("privacy").GetString());
        Assert.True(source.GetProperty("sensitive").GetBoolean());
        Assert.Equal("fr", source.GetProperty("language").GetString());

        // A post that names none of them takes the defaults; one that names them keeps its own.
        var defaulted = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "with my defaults" })), HttpStatusCode.OK);
        Assert.Equal("unlisted", defaulted.GetProperty("visibility").GetString());
        Assert.True(defaulted.GetProperty("sensitive").GetBoolean());
        Assert.Equal("fr", defaulted.GetProperty("language").GetString());
        var own = await app.PostStatusAsync(token, "said public");
        Assert.Equal("public", own.GetProperty("visibility").GetString());

        // Members-only reads as followers-only: an app posting with the default it read never reaches wider.
        await KindredApp.Json(await UpdateAsync(token, new() { ["source[privacy]"] = "members_only" }), HttpStatusCode.OK);
        Assert.Equal("private", (await PreferencesAsync(token)).GetProperty("posting:default:visibility").GetString());
        var membersOnly = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "members by default" })), HttpStatusCode.OK);
        Assert.Equal("members_only", membersOnly.GetProperty("kindred").GetProperty("visibility").GetString());
    }

    [Fact]
    public async Task BadSourceValuesAreRefusedAndChangeNothing()
    {
        await app.CreateUserAsync("pref_bad");
        var token = await app.TokenAsync("pref_bad");
        foreach (var (key, value) in new[] { ("source[privacy]", "direct"), ("source[privacy]", "everyone"), ("source[language]", "french!"), ("source[sensitive]", "maybe") })
        {
            var response = await UpdateAsync(token, new() { [key] = value, ["display_name"] = "Changed" });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
        var account = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);
        Assert.NotEqual("Changed", account.GetProperty("display_name").GetString());
        Assert.Equal("public", (await PreferencesAsync(token)).GetProperty("posting:default:visibility").GetString());
    }

    [Fact]
    public async Task PreferencesNeedTheMembersOwnToken()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/preferences")).StatusCode);
        var appToken = await app.AppTokenAsync("read");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(appToken).GetAsync("/api/v1/preferences")).StatusCode);
        await app.CreateUserAsync("pref_scope");
        var writeOnly = await app.TokenAsync("pref_scope", "write");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(writeOnly).GetAsync("/api/v1/preferences")).StatusCode);
    }
}

public sealed class PreferencesSqliteTests(SqliteApp app) : PreferencesTests(app), IClassFixture<SqliteApp>;

public sealed class PreferencesPostgresTests(PostgresApp app) : PreferencesTests(app), IClassFixture<PostgresApp>;
