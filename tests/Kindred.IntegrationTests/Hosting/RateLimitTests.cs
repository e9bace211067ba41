using System.Net;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Hosting;

/// <summary>Each limit of the security baseline fires after its number of requests, on its own key and no other.</summary>
public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    [Fact]
    public async Task SignInIsLimitedTo25PerAddress()
    {
        var client = app.Browser(ip: "198.51.100.1");
        for (var i = 0; i < 25; i++)
        {
            var ok = await client.PostAsync("/account/sign-in", Form(("Input.Username", $"someone{i}"), ("Input.Password", "x")));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, ok.StatusCode);
        }
        var limited = await client.PostAsync("/account/sign-in", Form(("Input.Username", "someone-else"), ("Input.Password", "x")));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);

        var otherAddress = await app.Browser(ip: "198.51.100.2").PostAsync("/account/sign-in", Form(("Input.Username", "someone-else"), ("Input.Password", "x")));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherAddress.StatusCode);
    }

    [Fact]
    public async Task SignInIsLimitedTo25PerAccountFromAnyAddress()
    {
        for (var i = 0; i < 25; i++)
        {
            var ok = await app.Browser(ip: $"192.0.2.{i + 1}").PostAsync("/account/sign-in", Form(("Input.Username", "Victim"), ("Input.Password", "guess")));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, ok.StatusCode);
        }
        var limited = await app.Browser(ip: "192.0.2.200").PostAsync("/account/sign-in", Form(("Input.Username", "victim"), ("Input.Password", "guess")));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));

        var otherAccount = await app.Browser(ip: "192.0.2.201").PostAsync("/account/sign-in", Form(("Input.Username", "bystander"), ("Input.Password", "guess")));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherAccount.StatusCode);
    }

    [Fact]
    public async Task ThePasswordGrantCountsAsASignIn()
    {
        var (id, secret) = await app.RegisterAppAsync("read");
        var client = app.Api(ip: "198.51.100.50");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 26; i++)
        {
            last = await client.PostAsync("/oauth/token", Form(("grant_type", "password"), ("client_id", id), ("client_secret", secret), ("username", $"api{i}"), ("password", "x")));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        var json = await KindredApp.Json(last, HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task SignUpIsLimitedTo5PerAddressAcrossWebAndApi()
    {
        var client = app.Browser(ip: "198.51.100.77");
        for (var i = 0; i < 5; i++)
        {
            var ok = await client.PostAsync("/account/sign-up", Form(("Input.Username", $"new{i}")));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, ok.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/account/sign-up", Form(("Input.Username", "new5")))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.Api(ip: "198.51.100.77").PostAsync("/api/v1/accounts", Form(("username", "new6")))).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await app.Browser(ip: "198.51.100.78").PostAsync("/account/sign-up", Form(("Input.Username", "new7")))).StatusCode);
    }

    [Theory]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/resend-confirmation")]
    public async Task MailSendingFormsAreLimitedTo5PerAddress(string path)
    {
        var email = $"target-{path.Length}@example.org";
        for (var i = 0; i < 5; i++)
        {
            var ok = await app.Browser(ip: $"203.0.113.{i + 10}").PostAsync(path, Form(("Input.Email", email)));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, ok.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.Browser(ip: "203.0.113.99").PostAsync(path, Form(("Input.Email", email.ToUpperInvariant())))).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await app.Browser(ip: "203.0.113.99").PostAsync(path, Form(("Input.Email", "someone-else@example.org")))).StatusCode);
    }

    [Fact]
    public async Task TheApiIsLimitedTo300PerTokenIn5Minutes()
    {
        await app.CreateUserAsync("busy");
        await app.CreateUserAsync("calm");
        var busy = app.Api(await app.TokenAsync("busy", "read"));
        for (var i = 0; i < 300; i++)
        {
            var ok = await busy.GetAsync("/api/v1/accounts/verify_credentials");
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"request {i + 1}: {(int)ok.StatusCode}");
        }
        var limited = await busy.GetAsync("/api/v1/accounts/verify_credentials");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retry = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retry, 1, 300);

        var calm = app.Api(await app.TokenAsync("calm", "read"));
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
    }

    [Fact]
    public async Task WebPostActionsAreLimitedTo300PerMemberIn5Minutes()
    {
        var busy = await app.CreateUserAsync("web_busy");
        await app.CreateUserAsync("web_calm");
        var post = await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Statuses.StatusService>()
            .CreateAsync(busy.Id, new Kindred.Core.Statuses.NewStatus("something to bookmark", "http://localhost", Kindred.Data.Entities.Audience.Public)));
        var path = $"/posts/{post.Id}/act";
        var (browser, token) = await SignedInAsync("web_busy", "198.51.100.120");
        Task<HttpResponseMessage> Act(HttpClient client, string antiforgery, string act) =>
            client.PostAsync(path, Form(("act", act), ("returnUrl", "/@web_busy"), ("__RequestVerificationToken", antiforgery)));

        // The sign-in was counted against the address, before the member was known; the member has all 300.
        for (var i = 0; i < 300; i++)
        {
            var ok = await Act(browser, token, i % 2 == 0 ? "bookmark" : "unbookmark");
            Assert.True(ok.StatusCode == HttpStatusCode.Redirect, $"request {i + 1}: {(int)ok.StatusCode}");
        }
        var limited = await Act(browser, token, "bookmark");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another member at the same address is not held back by the busy one.
        var (calm, calmToken) = await SignedInAsync("web_calm", "198.51.100.120");
        Assert.Equal(HttpStatusCode.Redirect, (await Act(calm, calmToken, "bookmark")).StatusCode);
    }

    private async Task<(HttpClient Browser, string Token)> SignedInAsync(string username, string ip)
    {
        var browser = app.Browser(ip: ip);
        var signIn = await Html.PostFormAsync(browser, "/account/sign-in", "sign-in", new Dictionary<string, string> { ["Input.Username"] = username, ["Input.Password"] = KindredApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var page = await Html.GetAsync(browser, "/@" + username);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return (browser, WebUtility.HtmlDecode(token));
    }
}
