using System.Net;
using System.Text;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Kindred.IntegrationTests.Hosting.BadInput;

/// <summary>The bad input that answered 500 before (issue 23, finding 8, and what the generated suite found), one case each.</summary>
public abstract class BadInputRegressionTests(BadInputApp app)
{
    [Theory]
    [InlineData("invalid UTF-8")]
    [InlineData("lone surrogate")]
    public async Task AJsonBodyThatIsNotValidUnicodeIsRefusedWith400AndOneLogLineWithoutStackTrace(string kind)
    {
        byte[] body = kind == "invalid UTF-8" ? [.. "{\"status\":\"a"u8.ToArray(), 0xFF, 0xFE, .. "b\"}"u8.ToArray()] : "{\"status\":\"\\ud800\"}"u8.ToArray();
        app.Log.Drain();
        var response = await app.Api(app.MemberToken).PostAsync("/api/v1/statuses", Content(body, "application/json"));
        var json = await KindredApp.Json(response, HttpStatusCode.BadRequest);
        Assert.Contains("Unicode", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        var logged = app.Log.Drain().Where(e => e.Level >= LogLevel.Information && e.Category.StartsWith("Kindred", StringComparison.Ordinal)).ToList();
        Assert.True(logged.Count <= 1 && logged.All(e => e.Exception is null), string.Join("\n", logged));
    }

    [Fact]
    public async Task AnOAuthTokenRequestWithALoneSurrogateInItsJsonIsRefusedWith400()
    {
        var response = await app.Api().PostAsync("/oauth/token", Content("{\"grant_type\":\"password\",\"username\":\"\\udc00\"}"u8.ToArray(), "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ATruncatedMultipartBodyToTheTokenEndpointIsRefusedWith400()
    {
        var body = "--b\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\npassword"u8.ToArray();
        var response = await app.Api().PostAsync("/oauth/token", Content(body, "multipart/form-data; boundary=b"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AWebFormWhoseBodyCannotBeReadIsRefusedWith400NotAnError()
    {
        app.Log.Drain();
        var response = await app.MemberBrowser.PostAsync("/language", Content("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--"u8.ToArray(), "multipart/form-data"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(app.Log.Drain(), e => e.Exception is not null || e.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("/api/v1/kindred/aid?category=a%00b", "category")]
    [InlineData("/api/v1/accounts/search?q=a%00b", "q")]
    public async Task ANulCharacterInAnApiParameterIsRefusedWith422OnEveryDatabase(string url, string parameter)
    {
        app.Log.Drain();
        var json = await KindredApp.Json(await app.Api(app.MemberToken).GetAsync(url), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(parameter, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Log.Drain(), e => e.Exception is not null || e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task ANulCharacterInAJsonBodyIsRefusedAndWritesNothing()
    {
        var response = await app.Api(app.MemberToken).PostAsync("/api/v1/lists", Content("{\"title\":\"a\\u0000b\"}"u8.ToArray(), "application/json"));
        await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
        var lists = await KindredApp.Json(await app.Api(app.MemberToken).GetAsync("/api/v1/lists"), HttpStatusCode.OK);
        Assert.DoesNotContain(lists.EnumerateArray(), l => l.GetProperty("title").GetString()!.StartsWith('a'));
    }

    [Theory]
    [InlineData("/search?q=a%00b", "q")]
    [InlineData("/aid?category=a%00b", "category")]
    public async Task ANulCharacterInAPageAddressAnswers400(string url, string parameter)
    {
        app.Log.Drain();
        var response = await app.MemberBrowser.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(parameter, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Log.Drain(), e => e.Exception is not null || e.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Cl")]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--")]
    [InlineData("application/x-www-form-urlencoded", "List-Unsubscribe=%00")]
    public async Task AnUnsubscribePostWhoseFormCannotBeReadIsA400NotAnError(string contentType, string body)
    {
        app.Log.Drain();
        var response = await app.Api().PostAsync("/digest/unsubscribe?token=x", Content(System.Text.Encoding.UTF8.GetBytes(body), contentType));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(app.Log.Drain(), e => e.Exception is not null || e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task AFormValueTheFormReaderRefusesIsA400NotAnError()
    {
        app.Log.Drain();
        var response = await app.MemberBrowser.PostAsync("/oauth/authorize", Content("id=%00"u8.ToArray(), "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(app.Log.Drain(), e => e.Exception is not null || e.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("/invitations?max_id=abc", "max_id")]
    [InlineData("/invitations?max_id=99999999999999999999", "max_id")]
    [InlineData("/notifications?max_id=x", "max_id")]
    public async Task ANonNumericPagingParameterOnAPageAnswers400WithAnErrorPage(string url, string parameter)
    {
        app.Log.Drain();
        var response = await app.MemberBrowser.GetAsync(url);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(parameter, page, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Log.Drain(), e => e.Exception is not null || e.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("/api/v1/timelines/tag/%EF%BF%BF%EF%BF%BE")]
    [InlineData("/tags/%EF%BF%BF%EF%BF%BE.rss")]
    public async Task ATagNameWithNoncharactersIsReadNotAnError(string url)
    {
        var response = await app.Api(app.MemberToken).GetAsync(url);
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {url}");
    }

    [Theory]
    [InlineData("from=9999-12-31T23:59:59Z")]
    [InlineData("from=9999-12-01T00:00:00Z&to=9999-12-31T23:59:59Z")]
    public async Task AnEventsListFromOrToOutOfRangeIsRefusedWith422(string query)
    {
        var response = await app.Api(app.MemberToken).GetAsync("/api/v1/kindred/events?" + query);
        await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task AidFiguresForDatesOutOfRangeAreRefusedWith422(string date)
    {
        var owner = await app.TokenAsync("owner", "admin:read");
        var response = await app.Api(owner).GetAsync($"/api/v1/admin/kindred/aid/figures?from={date}&to={date}");
        await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
    }

    private static ByteArrayContent Content(byte[] body, string type)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }
}

public sealed class BadInputRegressionSqliteTests(BadInputSqliteApp app) : BadInputRegressionTests(app), IClassFixture<BadInputSqliteApp>;

public sealed class BadInputRegressionPostgresTests(BadInputPostgresApp app) : BadInputRegressionTests(app), IClassFixture<BadInputPostgresApp>;
