using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Mastodon.OAuth;

public abstract partial class OAuthTests(KindredApp app)
{
    [Fact]
    public async Task AppRegistrationAcceptsJsonAndReturnsCredentials()
    {
        var response = await app.Api().PostAsJsonAsync("/api/v1/apps", new { client_name = "Tusky", redirect_uris = "urn:ietf:wg:oauth:2.0:oob", scopes = "read write" });
        var json = await KindredApp.Json(response, HttpStatusCode.OK);
        Assert.Equal("Tusky", json.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("client_id").GetString()));
        Assert.False(string.IsNullOrEmpty(json.GetProperty("client_secret").GetString()));
        Assert.Equal("urn:ietf:wg:oauth:2.0:oob", json.GetProperty("redirect_uri").GetString());
        Assert.Equal(["read", "write"], json.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("website").ValueKind);
    }

    [Fact]
    public async Task AppRegistrationAcceptsFormBodies()
    {
        var response = await app.Api().PostAsync("/api/v1/apps", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_name"] = "Form app",
            ["redirect_uris"] = "https://app.example/callback\nurn:ietf:wg:oauth:2.0:oob",
            ["scopes"] = "read:accounts write:accounts",
        }));
        var json = await KindredApp.Json(response, HttpStatusCode.OK);
        Assert.Equal(2, json.GetProperty("redirect_uris").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"redirect_uris\":\"urn:ietf:wg:oauth:2.0:oob\"}", "client_name")]
    [InlineData("{\"client_name\":\"x\"}", "redirect_uris")]
    [InlineData("{\"client_name\":\"x\",\"redirect_uris\":\"javascript:alert(1)\"}", "redirect_uris")]
    [InlineData("{\"client_name\":\"x\",\"redirect_uris\":\"urn:ietf:wg:oauth:2.0:oob\",\"scopes\":\"read admin:everything\"}", "scopes")]
    public async Task BadAppRegistrationsAreRejectedWithTheFieldNamed(string body, string field)
    {
        var before = await CountApplicationsAsync();
        var response = await app.Api().PostAsync("/api/v1/apps", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(json.GetProperty("details").TryGetProperty(field, out _), json.ToString());
        Assert.Equal(before, await CountApplicationsAsync());
    }

    [Fact]
    public async Task MalformedJsonIsABadRequest()
    {
        var response = await app.Api().PostAsync("/api/v1/apps", new StringContent("{\"client_name\": ", Encoding.UTF8, "application/json"));
        var json = await KindredApp.Json(response, HttpStatusCode.BadRequest);
        Assert.Contains("malformed", json.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnUnreadableContentTypeIsRejected()
    {
        var response = await app.Api().PostAsync("/api/v1/apps", new StringContent("<app/>", Encoding.UTF8, "application/xml"));
        await KindredApp.Json(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ClientCredentialsGiveAnAppTokenThatVerifiesTheApp()
    {
        var token = await app.AppTokenAsync("read write");
        var json = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/apps/verify_credentials"), HttpStatusCode.OK);
        Assert.Equal("Test app", json.GetProperty("name").GetString());
        Assert.False(json.TryGetProperty("client_secret", out _));
    }

    [Fact]
    public async Task TokenEndpointAcceptsJsonBodies()
    {
        await app.CreateUserAsync("jsontoken");
        var (id, secret) = await app.RegisterAppAsync();
        var response = await app.Api().PostAsJsonAsync("/oauth/token", new { grant_type = "password", client_id = id, client_secret = secret, username = "jsontoken", password = KindredApp.Password, scope = "read" });
        var json = await KindredApp.Json(response, HttpStatusCode.OK);
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.True(json.GetProperty("created_at").GetInt64() > 0);
    }

    [Fact]
    public async Task WrongPasswordGetsNoToken()
    {
        await app.CreateUserAsync("wrongpass");
        var (id, secret) = await app.RegisterAppAsync();
        var response = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["username"] = "wrongpass",
            ["password"] = "not the password",
        }));
        var json = await KindredApp.Json(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ARevokedTokenStopsWorking()
    {
        await app.CreateUserAsync("revoker");
        var (id, secret) = await app.RegisterAppAsync("read");
        var tokenResponse = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["username"] = "revoker",
            ["password"] = KindredApp.Password,
            ["scope"] = "read",
        }));
        var token = (await KindredApp.Json(tokenResponse, HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);

        var revoke = await app.Api().PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["token"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AuthorizationCodeWithPkceThroughTheWebSignInAndConsent()
    {
        await app.CreateUserAsync("pkceuser");
        var (id, secret) = await app.RegisterAppAsync("read write", "https://app.example/callback");
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var authorize = $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri={Uri.EscapeDataString("https://app.example/callback")}&scope=read&code_challenge={challenge}&code_challenge_method=S256&state=xyz";

        var browser = app.Browser();
        var first = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/sign-in", first.Headers.Location!.OriginalString, StringComparison.Ordinal);

        await SignInAsync(browser, "pkceuser");
        var consent = await Html.GetAsync(browser, authorize);
        Assert.Contains("Test app", consent, StringComparison.Ordinal);
        var allow = await Html.PostFormAsync(browser, authorize, null, Hidden(consent, "allow"), "/oauth/authorize");
        Assert.Equal(HttpStatusCode.Redirect, allow.StatusCode);
        var location = allow.Headers.Location!;
        Assert.StartsWith("https://app.example/callback", location.OriginalString, StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("xyz", query["state"].ToString());

        var exchange = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = "https://app.example/callback",
            ["code_verifier"] = verifier,
        }));
        var token = (await KindredApp.Json(exchange, HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
        var me = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);
        Assert.Equal("pkceuser", me.GetProperty("username").GetString());
    }

    [Fact]
    public async Task OutOfBandRedirectShowsTheCodeOnAPage()
    {
        await app.CreateUserAsync("oobuser");
        var (id, secret) = await app.RegisterAppAsync("read");
        var authorize = $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri=urn:ietf:wg:oauth:2.0:oob&scope=read";
        var browser = app.Browser();
        await SignInAsync(browser, "oobuser");
        var consent = await Html.GetAsync(browser, authorize);
        var allow = await Html.PostFormAsync(browser, authorize, null, Hidden(consent, "allow"), "/oauth/authorize");
        var page = await allow.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, allow.StatusCode);
        var code = CodePattern().Match(page);
        Assert.True(code.Success, page);
        var exchange = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["code"] = System.Net.WebUtility.HtmlDecode(code.Groups[1].Value),
            ["redirect_uri"] = "urn:ietf:wg:oauth:2.0:oob",
        }));
        await KindredApp.Json(exchange, HttpStatusCode.OK);
    }

    [Fact]
    public async Task DenyingConsentGivesNoCode()
    {
        await app.CreateUserAsync("denier");
        var (id, _) = await app.RegisterAppAsync("read", "https://app.example/callback");
        var authorize = $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri={Uri.EscapeDataString("https://app.example/callback")}&scope=read";
        var browser = app.Browser();
        await SignInAsync(browser, "denier");
        var consent = await Html.GetAsync(browser, authorize);
        var deny = await Html.PostFormAsync(browser, authorize, null, Hidden(consent, "deny"), "/oauth/authorize");
        Assert.Equal(HttpStatusCode.Redirect, deny.StatusCode);
        Assert.Contains("error=access_denied", deny.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", deny.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppCannotAskForScopesItWasNotRegisteredWith()
    {
        await app.CreateUserAsync("scopeuser");
        var (id, secret) = await app.RegisterAppAsync("read");
        var response = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["username"] = "scopeuser",
            ["password"] = KindredApp.Password,
            ["scope"] = "read write",
        }));
        await KindredApp.Json(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DiscoveryDocumentNamesTheEndpointsAndS256Only()
    {
        var json = await KindredApp.Json(await app.Api().GetAsync("/.well-known/oauth-authorization-server"), HttpStatusCode.OK);
        Assert.EndsWith("/oauth/token", json.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/api/v1/apps", json.GetProperty("app_registration_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Equal(["S256"], json.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task EveryTokenResponseCarriesMastodonsTokenEntityWithTheGrantedScopes()
    {
        // Mastodon.py reads response["scope"]: OpenIddict left it out whenever it equalled the scope asked for (ADR 77).
        await app.CreateUserAsync("tokenshape");
        var (id, secret) = await app.RegisterAppAsync("read write follow");
        var password = await KindredApp.Json(await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["username"] = "tokenshape",
            ["password"] = KindredApp.Password,
            ["scope"] = "read write",
        })), HttpStatusCode.OK);
        AssertTokenEntity(password, "read write");
        var client = await KindredApp.Json(await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
        })), HttpStatusCode.OK);
        AssertTokenEntity(client, "read");
        var registered = await KindredApp.Json(await app.Api(client.GetProperty("access_token").GetString()).GetAsync("/api/v1/apps/verify_credentials"), HttpStatusCode.OK);
        Assert.Equal("Test app", registered.GetProperty("name").GetString());
    }

    [Fact]
    public async Task TheSignUpReplyIsATokenEntityWithScope()
    {
        var (id, secret) = await app.RegisterAppAsync("read write");
        var appToken = (await KindredApp.Json(await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["scope"] = "read write",
        })), HttpStatusCode.OK)).GetProperty("access_token").GetString();
        var response = await app.Api(appToken).PostAsync("/api/v1/accounts", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "tokensignup",
            ["email"] = "tokensignup@example.org",
            ["password"] = KindredApp.Password,
            ["agreement"] = "true",
            ["locale"] = "en",
        }));
        AssertTokenEntity(await KindredApp.Json(response, HttpStatusCode.OK), "read write");
    }

    [Fact]
    public async Task TheCodeExchangeAcceptsTheScopeMastodonDocumentsAndAnswersWithIt()
    {
        var (id, secret, code) = await CodeAsync("codescope", "read write follow");
        var exchange = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["code"] = code,
            ["redirect_uri"] = "urn:ietf:wg:oauth:2.0:oob",
            ["scope"] = "read write follow",
        }));
        var json = await KindredApp.Json(exchange, HttpStatusCode.OK);
        AssertTokenEntity(json, "read write follow");
        var me = await KindredApp.Json(await app.Api(json.GetProperty("access_token").GetString()).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);
        Assert.Equal("codescope", me.GetProperty("username").GetString());
    }

    [Fact]
    public async Task TheCodeExchangeRefusesAScopeWiderThanTheMemberGranted()
    {
        var (id, secret, code) = await CodeAsync("codewider", "read");
        var exchange = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["code"] = code,
            ["redirect_uri"] = "urn:ietf:wg:oauth:2.0:oob",
            ["scope"] = "read write",
        }));
        var json = await KindredApp.Json(exchange, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_scope", json.GetProperty("error").GetString());
        Assert.False(json.TryGetProperty("access_token", out _));
    }

    private static void AssertTokenEntity(System.Text.Json.JsonElement json, string scope)
    {
        Assert.False(string.IsNullOrEmpty(json.GetProperty("access_token").GetString()), json.ToString());
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(scope.Split(' ').Order(StringComparer.Ordinal), json.GetProperty("scope").GetString()!.Split(' ').Order(StringComparer.Ordinal));
        Assert.InRange(json.GetProperty("created_at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
    }

    /// <summary>An authorization code for a new member who allowed the app <paramref name="scope"/> on the consent page.</summary>
    private async Task<(string Id, string Secret, string Code)> CodeAsync(string username, string scope)
    {
        await app.CreateUserAsync(username);
        var (id, secret) = await app.RegisterAppAsync("read write follow push");
        var authorize = $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri=urn:ietf:wg:oauth:2.0:oob&scope={Uri.EscapeDataString(scope)}";
        var browser = app.Browser();
        await SignInAsync(browser, username);
        var consent = await Html.GetAsync(browser, authorize);
        var allow = await Html.PostFormAsync(browser, authorize, null, Hidden(consent, "allow"), "/oauth/authorize");
        var code = CodePattern().Match(await allow.Content.ReadAsStringAsync());
        Assert.True(code.Success);
        return (id, secret, System.Net.WebUtility.HtmlDecode(code.Groups[1].Value));
    }

    private Task<int> CountApplicationsAsync() => app.WithDbAsync(db => Task.FromResult(db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().Count()));

    public static async Task SignInAsync(HttpClient browser, string username, string? password = null)
    {
        var response = await Html.PostFormAsync(browser, "/account/sign-in", "sign-in", new Dictionary<string, string>
        {
            ["Input.Username"] = username,
            ["Input.Password"] = password ?? KindredApp.Password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in failed: {(int)response.StatusCode} {Html.Snippet(await response.Content.ReadAsStringAsync())}");
    }

    private static Dictionary<string, string> Hidden(string page, string decision)
    {
        var fields = HiddenPattern().Matches(page)
            .Where(m => m.Groups[1].Value != "__RequestVerificationToken")
            .GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => System.Net.WebUtility.HtmlDecode(g.First().Groups[2].Value));
        fields["decision"] = decision;
        return fields;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenPattern();

    [GeneratedRegex("id=\"code\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex CodePattern();
}

public sealed class OAuthSqliteTests(SqliteApp app) : OAuthTests(app), IClassFixture<SqliteApp>;

public sealed class OAuthPostgresTests(PostgresApp app) : OAuthTests(app), IClassFixture<PostgresApp>;
