using System.Net;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Hosting;

public sealed class SecurityTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/v2/instance")]
    [InlineData("/not-found")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        var response = await app.Browser().GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task PagesHaveNoInlineScripts()
    {
        var page = await Html.GetAsync(app.Browser(), "/");
        Assert.DoesNotContain("<script>", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=\"", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryTokenChangesNothing()
    {
        var browser = app.Browser();
        await Html.GetAsync(browser, "/");
        var response = await browser.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "fr" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("kindred-lang", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheLanguageCanBeSwitchedToFrench()
    {
        var browser = app.Browser();
        var response = await Html.PostFormAsync(browser, "/", null, new Dictionary<string, string> { ["culture"] = "fr" }, "/language");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await Html.GetAsync(browser, "/");
        Assert.Contains("lang=\"fr\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gzip")]
    [InlineData("gzip, deflate, br")]
    public async Task TheStylesheetIsServedWhateverEncodingTheBrowserAccepts(string encoding)
    {
        var page = await Html.GetAsync(app.Browser(), "/");
        var href = System.Text.RegularExpressions.Regex.Match(page, "href=\"(css/site[^\"]*\\.css)\"").Groups[1].Value;
        Assert.NotEqual("", href);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + href);
        if (encoding.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        }
        var response = await app.Browser().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 500, $"{bytes.Length} bytes for {href} with '{encoding}'");
    }

    [Fact]
    public async Task HealthEndpointsAnswer()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync("/health")).StatusCode);
        Assert.Equal("Healthy", await (await app.Api().GetAsync("/health/ready")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        var json = await KindredApp.Json(await app.Api().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/apps", out _));
        Assert.True(paths.TryGetProperty("/api/v1/accounts/verify_credentials", out _));
    }
}

/// <summary>Behind https the session cookie takes the __Host- prefix and the Secure flag.</summary>
public sealed class HttpsCookieApp : KindredApp
{
    public HttpsCookieApp()
        : base(DatabaseKind.Sqlite) => Set("Kindred:PublicUrl", "https://community.example");
}

public sealed class CookieTests(HttpsCookieApp app) : IClassFixture<HttpsCookieApp>
{
    [Fact]
    public async Task TheSessionCookieIsHostPrefixedSecureHttpOnlyAndLax()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
        });
        await app.CreateUserAsync("cookieuser");
        var page = await Html.GetAsync(client, "/account/sign-in");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "sign-in",
            ["Input.Username"] = "cookieuser",
            ["Input.Password"] = KindredApp.Password,
        }));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-kindred=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
