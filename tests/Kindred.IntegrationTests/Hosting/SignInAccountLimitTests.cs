using System.Net;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Hosting;

/// <summary>
/// The per-account sign-in limit counts the account a name resolves to (ADR 47): Unicode case folds, upper case, a
/// leading @ and the e-mail address all spend one budget, on the web form and on the password grant alike.
/// </summary>
public abstract class SignInAccountLimitTests(RateLimitedAppBase app)
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    [Fact]
    public async Task EverySpellingOfOneAccountSharesItsSignInBudget()
    {
        await app.CreateUserAsync("sasha");
        await app.CreateUserAsync("bystander");
        var (clientId, secret) = await app.RegisterAppAsync("read");
        // U+017F (long s) upper-cases to S, so Identity finds "sasha" under each of these names.
        string[] spellings = ["\u017Fasha", "SASHA", "sasha@example.org", "@\u017Fa\u017Fha", "SASHA@EXAMPLE.ORG"];
        for (var i = 0; i < 25; i++)
        {
            var name = spellings[i % spellings.Length];
            var ip = $"192.0.2.{i + 1}";
            var response = i % 2 == 0
                ? await app.Browser(ip: ip).PostAsync("/account/sign-in", Form(("Input.Username", name), ("Input.Password", "guess")))
                : await app.Api(ip: ip).PostAsync("/oauth/token", Form(("grant_type", "password"), ("client_id", clientId), ("client_secret", secret), ("username", name), ("password", "guess")));
            Assert.True(response.StatusCode != HttpStatusCode.TooManyRequests, $"attempt {i + 1} ({name}) was limited");
        }

        var limited = await app.Browser(ip: "192.0.2.200").PostAsync("/account/sign-in", Form(("Input.Username", "sasha"), ("Input.Password", "guess")));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var limitedGrant = await app.Api(ip: "192.0.2.201").PostAsync("/oauth/token", Form(("grant_type", "password"), ("client_id", clientId), ("client_secret", secret), ("username", "\u017FASHA"), ("password", "guess")));
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedGrant.StatusCode);

        // Another account keeps its own budget.
        var other = await app.Browser(ip: "192.0.2.202").PostAsync("/account/sign-in", Form(("Input.Username", "bystander"), ("Input.Password", "guess")));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    [Fact]
    public async Task NamesWithoutAnAccountShareABudgetByTheirNormalizedForm()
    {
        for (var i = 0; i < 25; i++)
        {
            var name = i % 2 == 0 ? "\u017Fomeone-unknown" : "SOMEONE-UNKNOWN";
            var response = await app.Browser(ip: $"198.51.100.{i + 1}").PostAsync("/account/sign-in", Form(("Input.Username", name), ("Input.Password", "guess")));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
        var limited = await app.Browser(ip: "198.51.100.200").PostAsync("/account/sign-in", Form(("Input.Username", "someone-unknown"), ("Input.Password", "guess")));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }
}

public sealed class SignInAccountLimitSqliteTests(RateLimitedApp app) : SignInAccountLimitTests(app), IClassFixture<RateLimitedApp>;

public sealed class SignInAccountLimitPostgresTests(RateLimitedPostgresApp app) : SignInAccountLimitTests(app), IClassFixture<RateLimitedPostgresApp>;
