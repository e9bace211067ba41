using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Digests;

/// <summary>The digest settings on the member's own account in the API: the "kindred" key of verify_credentials, set
/// through update_credentials (ADR 25). Nobody else sees them.</summary>
public abstract class DigestApiTests(KindredApp app)
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private async Task<JsonElement> OwnAsync(string token) =>
        (await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK)).GetProperty("kindred");

    [Fact]
    public async Task TheMemberReadsAndChangesTheirDigestSettings()
    {
        var user = await app.CreateUserAsync("api_digest");
        var token = await app.TokenAsync("api_digest");
        var own = await OwnAsync(token);
        Assert.Equal("weekly", own.GetProperty("digest_frequency").GetString());
        Assert.False(own.TryGetProperty("time_zone", out _));

        var json = await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials",
            Form(("digest_frequency", "daily"), ("time_zone", "America/Toronto"))), HttpStatusCode.OK);
        Assert.Equal("daily", json.GetProperty("kindred").GetProperty("digest_frequency").GetString());
        Assert.Equal("America/Toronto", json.GetProperty("kindred").GetProperty("time_zone").GetString());

        // The nested form, as a client echoing the "kindred" key sends it; an empty time zone clears it.
        await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials",
            Form(("kindred[digest_frequency]", "off"), ("kindred[time_zone]", ""))), HttpStatusCode.OK);
        own = await OwnAsync(token);
        Assert.Equal("off", own.GetProperty("digest_frequency").GetString());
        Assert.False(own.TryGetProperty("time_zone", out _));

        // Others never see them.
        await app.CreateUserAsync("api_digest_other");
        var otherToken = await app.TokenAsync("api_digest_other");
        var seen = await KindredApp.Json(await app.Api(otherToken).GetAsync($"/api/v1/accounts/{user.Id}"), HttpStatusCode.OK);
        Assert.False(seen.GetProperty("kindred").TryGetProperty("digest_frequency", out _));
    }

    [Fact]
    public async Task BadDigestSettingsAre422AndChangeNothing()
    {
        await app.CreateUserAsync("api_digest_bad");
        var token = await app.TokenAsync("api_digest_bad");
        var frequency = await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials",
            Form(("display_name", "Changed"), ("digest_frequency", "hourly"))), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("digest_frequency", frequency.GetProperty("error").GetString(), StringComparison.Ordinal);
        var zone = await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials",
            Form(("display_name", "Changed"), ("digest_frequency", "daily"), ("time_zone", "Mars/Olympus_Mons"))), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("time_zone", zone.GetProperty("error").GetString(), StringComparison.Ordinal);

        var account = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);
        Assert.NotEqual("Changed", account.GetProperty("display_name").GetString());
        Assert.Equal("weekly", account.GetProperty("kindred").GetProperty("digest_frequency").GetString());
    }
}

public sealed class DigestApiSqliteTests(SqliteApp app) : DigestApiTests(app), IClassFixture<SqliteApp>;

public sealed class DigestApiPostgresTests(PostgresApp app) : DigestApiTests(app), IClassFixture<PostgresApp>;
