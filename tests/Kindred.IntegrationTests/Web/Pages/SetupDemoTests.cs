using System.Net;
using System.Text.RegularExpressions;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Pages;

/// <summary>The setup page's "Fill with a demo community" checkbox (ADR 26).</summary>
public abstract partial class SetupDemoTests(KindredApp app)
{
    private static Dictionary<string, string> SetupFields(bool demo)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.OrganizationName"] = "Riverside Pantry",
            ["Input.DefaultLanguage"] = "en",
            ["Input.Username"] = "lead",
            ["Input.Email"] = "lead@example.org",
            ["Input.Password"] = "a long enough password",
        };
        if (demo)
        {
            fields["Input.Demo"] = "true";
        }
        return fields;
    }

    [Fact]
    public async Task TheCheckboxSetsUpTheServerFillsItAndShowsTheMembersPasswordOnce()
    {
        var browser = app.Browser();
        var page = await Html.GetAsync(browser, "/setup");
        Assert.Contains("id=\"setup-demo\"", page, StringComparison.Ordinal);
        Assert.Contains("Fill with a demo community for evaluation", page, StringComparison.Ordinal);

        var response = await Html.PostFormAsync(browser, "/setup", "setup", SetupFields(demo: true));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Html.Snippet(body));
        Assert.Contains("@riversidepantry", body, StringComparison.Ordinal);
        var password = WebUtility.HtmlDecode(PasswordShown().Match(body).Groups[1].Value);
        Assert.StartsWith("demo-", password, StringComparison.Ordinal);
        Assert.Equal(62, await app.WithDbAsync(db => db.Accounts.CountAsync()));
        Assert.Equal(9, await app.WithDbAsync(db => db.Groups.CountAsync()));

        // The owner is signed in; the demo members sign in with the password shown.
        var home = await Html.GetAsync(browser, "/");
        Assert.Contains("Riverside Pantry", home, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(await app.TokenAsync("amara_okafor", password: password)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/setup")).StatusCode);
    }

    [GeneratedRegex("<code>([^<]+)</code>")]
    private static partial Regex PasswordShown();
}

/// <summary>A server that already has content before setup (a restored backup, say) is not offered the demo.</summary>
public abstract class SetupDemoRefusedTests(KindredApp app)
{
    [Fact]
    public async Task AServerWithContentIsNotOfferedTheDemoAndSetupIgnoresTheField()
    {
        await app.CreateUserAsync("earlybird");
        await app.CreateUserAsync("nightowl");
        var browser = app.Browser();
        var page = await Html.GetAsync(browser, "/setup");
        Assert.DoesNotContain("setup-demo", page, StringComparison.Ordinal);

        var response = await Html.PostFormAsync(browser, "/setup", "setup", new Dictionary<string, string>
        {
            ["Input.OrganizationName"] = "Riverside Pantry",
            ["Input.DefaultLanguage"] = "fr",
            ["Input.Username"] = "lead",
            ["Input.Email"] = "lead@example.org",
            ["Input.Password"] = "a long enough password",
            ["Input.Demo"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(4, await app.WithDbAsync(db => db.Accounts.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }
}

public sealed class SetupDemoSqliteTests(FreshApp app) : SetupDemoTests(app), IClassFixture<FreshApp>;

public sealed class SetupDemoPostgresTests(FreshPostgresApp app) : SetupDemoTests(app), IClassFixture<FreshPostgresApp>;

public sealed class SetupDemoRefusedSqliteTests(FreshApp app) : SetupDemoRefusedTests(app), IClassFixture<FreshApp>;

public sealed class SetupDemoRefusedPostgresTests(FreshPostgresApp app) : SetupDemoRefusedTests(app), IClassFixture<FreshPostgresApp>;
