using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Pages;

public abstract class SetupTests(KindredApp app)
{
    [Fact]
    public async Task BeforeSetupEverythingLeadsToTheSetupFormWhichCreatesTheOrganizationAndOwnerOnce()
    {
        var browser = app.Browser();
        foreach (var path in new[] { "/", "/account/sign-in", "/settings/profile", "/admin/users" })
        {
            var redirect = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Equal("/setup", redirect.Headers.Location!.OriginalString);
        }
        await KindredApp.Json(await app.Api().GetAsync("/api/v2/instance"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync("/health/ready")).StatusCode);

        // The setup form: bad input changes nothing, good input creates the organization and its owner.
        var invalid = await Html.PostFormAsync(browser, "/setup", "setup", new Dictionary<string, string>
        {
            ["Input.OrganizationName"] = "Food Bank",
            ["Input.DefaultLanguage"] = "fr",
            ["Input.Username"] = "bad name!",
            ["Input.Email"] = "lead@example.org",
            ["Input.Password"] = "a long enough password",
        });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("letters, digits and underscores", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Organizations.AnyAsync()));

        var response = await Html.PostFormAsync(browser, "/setup", "setup", new Dictionary<string, string>
        {
            ["Input.OrganizationName"] = "Food Bank",
            ["Input.Description"] = "Feeding the neighbourhood",
            ["Input.DefaultLanguage"] = "fr",
            ["Input.AreaName"] = "Marseille",
            ["Input.Username"] = "lead",
            ["Input.Email"] = "lead@example.org",
            ["Input.Password"] = "a long enough password",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var organization = await app.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync());
        Assert.Equal("Food Bank", organization.Name);
        Assert.Equal("fr", organization.DefaultLanguage);
        var owner = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Role == UserRole.Owner));
        Assert.Equal(UserRole.Owner, owner.Role);
        Assert.True(owner.EmailConfirmed);

        // The owner is signed in, and setup cannot run twice.
        var home = await Html.GetAsync(browser, "/");
        Assert.Contains("Food Bank", home, StringComparison.Ordinal);
        var again = await browser.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/", again.Headers.Location!.OriginalString);
    }
}

public sealed class SetupSqliteTests(FreshApp app) : SetupTests(app), IClassFixture<FreshApp>;

public sealed class SetupPostgresTests(FreshPostgresApp app) : SetupTests(app), IClassFixture<FreshPostgresApp>;
