using System.Net;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Hosting;

/// <summary>HEAD on pages and what signed-in API answers tell caches (issue 23, finding 9).</summary>
public abstract class HttpBasicsTests(KindredApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/about")]
    [InlineData("/events")]
    [InlineData("/community")]
    [InlineData("/@owner")]
    public async Task HeadOnAPageAnswersAsGetWithoutABody(string path)
    {
        var head = await app.Browser().SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HeadOnAMissingPageIsStillA404()
    {
        var head = await app.Browser().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/@nobody-here"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/accounts/verify_credentials")]
    [InlineData("/api/v1/timelines/home")]
    [InlineData("/api/v1/notifications")]
    [InlineData("/api/v1/conversations")]
    public async Task SignedInApiAnswersAreNeverStoredByACache(string path)
    {
        var token = await app.TokenAsync("owner", password: KindredApp.OwnerPassword);
        var answer = await app.Api(token).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answer.Headers.CacheControl is { Private: true, NoStore: true }, $"{path}: Cache-Control {answer.Headers.CacheControl}");
    }
}

public sealed class HttpBasicsSqliteTests(SqliteApp app) : HttpBasicsTests(app), IClassFixture<SqliteApp>;

public sealed class HttpBasicsPostgresTests(PostgresApp app) : HttpBasicsTests(app), IClassFixture<PostgresApp>;
