using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Staff;

/// <summary>/admin/style (ADR 90): the staff's style guide, every shared component with sample data; for staff only,
/// and it stores nothing.</summary>
public abstract class StyleGuidePageTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username, UserRole role)
    {
        await app.CreateUserAsync(username, role);
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private async Task<HttpClient> OwnerAsync()
    {
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, "owner", KindredApp.OwnerPassword);
        return browser;
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(UserRole.Member, false)]
    [InlineData(UserRole.Moderator, false)]
    [InlineData(UserRole.Staff, true)]
    [InlineData(UserRole.Admin, true)]
    [InlineData(UserRole.Owner, true)]
    public async Task OnlyStaffOpenTheStyleGuide(UserRole? role, bool allowed)
    {
        var browser = role switch
        {
            null => app.Browser(),
            UserRole.Owner => await OwnerAsync(),
            { } r => await SignedInAsync("sg_" + r.ToString().ToLowerInvariant(), r),
        };
        var statuses = await app.WithDbAsync(db => db.Statuses.CountAsync());
        var response = await browser.GetAsync("/admin/style");
        if (!allowed)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains(role is null ? "/account/sign-in" : "/account/denied", Html.Location(response), StringComparison.Ordinal);
            return;
        }
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Style guide</h1>", page, StringComparison.Ordinal);
        foreach (var component in new[] { "class=\"post\"", "class=\"post-actions\"", "class=\"action-menu\"", "class=\"person-chip\"", "class=\"group-card\"",
            "class=\"group-tile", "class=\"subnav tabs", "class=\"empty-state\"", "class=\"pager\"", "class=\"notice success\"",
            "class=\"card event-card\"", "class=\"card aid-card\"" })
        {
            Assert.Contains(component, page, StringComparison.Ordinal);
        }
        // The event and aid cards say what they are for, through the same labels as the listing pages.
        Assert.Contains("Seed swap at the community garden", page, StringComparison.Ordinal);
        Assert.Contains("A lift to the clinic on Tuesday morning", page, StringComparison.Ordinal);
        Assert.Contains("8 places left of 20", page, StringComparison.Ordinal);
        // The samples live in memory: nothing is stored.
        Assert.Equal(statuses, await app.WithDbAsync(db => db.Statuses.CountAsync()));
    }
}

public sealed class StyleGuidePageSqliteTests(SqliteApp app) : StyleGuidePageTests(app), IClassFixture<SqliteApp>;

public sealed class StyleGuidePagePostgresTests(PostgresApp app) : StyleGuidePageTests(app), IClassFixture<PostgresApp>;
