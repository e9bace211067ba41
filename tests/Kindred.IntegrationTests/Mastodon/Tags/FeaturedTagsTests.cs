using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Mastodon.Tags;

/// <summary>Featured tags (ADR 80): Mastodon's shape, the limits, and counts over only what each viewer may read.</summary>
public abstract class FeaturedTagsTests(KindredApp app)
{
    private async Task<(string Id, string Token)> MemberAsync(string username)
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username));
    }

    private async Task<HttpResponseMessage> FeatureAsync(string token, string name) =>
        await app.Api(token).PostAsync("/api/v1/featured_tags", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name }));

    private async Task<JsonElement> OneFeaturedAsync(string? token, string accountId)
    {
        var list = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/accounts/{accountId}/featured_tags"), HttpStatusCode.OK);
        return Assert.Single(list.EnumerateArray());
    }

    [Fact]
    public async Task FeaturedTagsHaveMastodonsShapeAndCountOnlyWhatTheViewerMaySee()
    {
        var (authorId, author) = await MemberAsync("ft_author");
        var (_, follower) = await MemberAsync("ft_follower");
        var (_, stranger) = await MemberAsync("ft_stranger");
        await KindredApp.Json(await app.Api(follower).PostAsync($"/api/v1/accounts/{authorId}/follow", null), HttpStatusCode.OK);

        var created = await KindredApp.Json(await FeatureAsync(author, "#Tricot"), HttpStatusCode.OK);
        Assert.Equal("Tricot", created.GetProperty("name").GetString());
        Assert.Equal("0", created.GetProperty("statuses_count").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("last_status_at").ValueKind);
        Assert.EndsWith("/tags/tricot", created.GetProperty("url").GetString(), StringComparison.Ordinal);

        await app.PostStatusAsync(author, "public #tricot");
        await app.PostStatusAsync(author, "followers only #tricot", "private");
        await app.PostStatusAsync(author, "members only #tricot", "members_only");

        Assert.Equal("3", (await OneFeaturedAsync(author, authorId)).GetProperty("statuses_count").GetString());
        Assert.Equal("3", (await OneFeaturedAsync(follower, authorId)).GetProperty("statuses_count").GetString());
        Assert.Equal("2", (await OneFeaturedAsync(stranger, authorId)).GetProperty("statuses_count").GetString());
        var anonymous = await OneFeaturedAsync(null, authorId);
        Assert.Equal("1", anonymous.GetProperty("statuses_count").GetString());
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), anonymous.GetProperty("last_status_at").GetString());

        var own = await KindredApp.Json(await app.Api(author).GetAsync("/api/v1/featured_tags"), HttpStatusCode.OK);
        Assert.Equal(created.GetProperty("id").GetString(), Assert.Single(own.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task FeaturingIsCheckedAndOnlyTheOwnerMayUnfeature()
    {
        var (_, owner) = await MemberAsync("ft_owner");
        var (_, other) = await MemberAsync("ft_other");
        var first = await KindredApp.Json(await FeatureAsync(owner, "laine"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await FeatureAsync(owner, "Laine")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await FeatureAsync(owner, "!!!")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(owner).PostAsync("/api/v1/featured_tags", new FormUrlEncodedContent([]))).StatusCode);
        for (var i = 1; i < 10; i++)
        {
            await KindredApp.Json(await FeatureAsync(owner, $"laine{i}"), HttpStatusCode.OK);
        }
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await FeatureAsync(owner, "onetoomany")).StatusCode);

        var id = first.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(other).DeleteAsync($"/api/v1/featured_tags/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(owner).DeleteAsync("/api/v1/featured_tags/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().DeleteAsync($"/api/v1/featured_tags/{id}")).StatusCode);
        await KindredApp.Json(await app.Api(owner).DeleteAsync($"/api/v1/featured_tags/{id}"), HttpStatusCode.OK);
        var left = await KindredApp.Json(await app.Api(owner).GetAsync("/api/v1/featured_tags"), HttpStatusCode.OK);
        Assert.Equal(9, left.GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/featured_tags")).StatusCode);
    }

    [Fact]
    public async Task SuggestionsAreTheMembersOwnTagsNotFeaturedYet()
    {
        var (_, member) = await MemberAsync("ft_suggest");
        await app.PostStatusAsync(member, "#Poterie #argile");
        await app.PostStatusAsync(member, "#poterie again", "private");
        await KindredApp.Json(await FeatureAsync(member, "argile"), HttpStatusCode.OK);
        var suggestions = await KindredApp.Json(await app.Api(member).GetAsync("/api/v1/featured_tags/suggestions"), HttpStatusCode.OK);
        Assert.Equal(["Poterie"], suggestions.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/featured_tags/suggestions")).StatusCode);
    }
}

public sealed class FeaturedTagsSqliteTests(SqliteApp app) : FeaturedTagsTests(app), IClassFixture<SqliteApp>;

public sealed class FeaturedTagsPostgresTests(PostgresApp app) : FeaturedTagsTests(app), IClassFixture<PostgresApp>;
