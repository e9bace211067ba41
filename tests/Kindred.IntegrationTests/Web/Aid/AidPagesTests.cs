using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Aid;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Groups;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Aid;

/// <summary>The aid pages without JavaScript: posting, the item page (no contact details, the owner's and others' links),
/// editing, closing, browsing with the GET form, "my items", and the admin categories page.</summary>
public abstract class AidPagesTests(KindredApp app)
{
    private async Task<(User User, HttpClient Browser)> SignedInAsync(string username, UserRole role = UserRole.Member)
    {
        var user = await app.CreateUserAsync(username, role);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return (user, browser);
    }

    private static Dictionary<string, string> Fields(string title, params (string, string)[] more)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = "Request",
            ["Input.Category"] = "childcare",
            ["Input.Title"] = title,
            ["Input.Urgency"] = "High",
            ["Input.Audience"] = "Members",
        };
        foreach (var (key, value) in more)
        {
            fields[key] = value;
        }
        return fields;
    }

    [Fact]
    public async Task AMemberPostsARequestThatOthersCanAnswerButNeverSeeContactDetailsFor()
    {
        var (owner, browser) = await SignedInAsync("ap_owner");
        await AidTestWorld.SetHomeAsync(app, owner.Id, 45.76, 4.83, "Croix-Rousse");
        var form = await Html.GetAsync(browser, "/aid/new");
        Assert.Contains("value=\"Croix-Rousse\"", form, StringComparison.Ordinal);

        var location = await GroupPagesTests.PostAsync(browser, "/aid/new", "aid-new", Fields("Pick-up from school", ("Input.AreaName", "Croix-Rousse"), ("Input.Evenings", "true")), HttpStatusCode.Redirect);
        var item = await app.WithDbAsync(db => db.AidItems.AsNoTracking().SingleAsync(i => i.AccountId == owner.Id));
        Assert.Equal($"/aid/{item.Id}", new Uri(new Uri("http://x"), location).AbsolutePath);
        Assert.Equal(45.76, item.Latitude);
        Assert.Equal(AidAudience.Members, item.Audience);
        Assert.False(item.Sensitive);

        var page = await Html.GetAsync(browser, $"/aid/{item.Id}");
        Assert.Contains("Pick-up from school", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/aid/{item.Id}/edit\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/aid/{item.Id}/responses\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/aid/{item.Id}/answer", page, StringComparison.Ordinal);
        Assert.DoesNotContain("ap_owner@example.org", page, StringComparison.Ordinal);

        var (_, neighbour) = await SignedInAsync("ap_neighbour");
        var seen = await Html.GetAsync(neighbour, $"/aid/{item.Id}");
        Assert.Contains($"href=\"/aid/{item.Id}/answer\"", seen, StringComparison.Ordinal);
        Assert.Contains("I can help", seen, StringComparison.Ordinal);
        Assert.DoesNotContain($"/aid/{item.Id}/edit", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("ap_owner@example.org", seen, StringComparison.Ordinal);
        await Html.GetAsync(neighbour, $"/aid/{item.Id}/edit", HttpStatusCode.NotFound);
        await Html.GetAsync(app.Browser(), $"/aid/{item.Id}", HttpStatusCode.NotFound);

        await GroupPagesTests.PostAsync(browser, $"/aid/{item.Id}/edit", "aid-edit", Fields("Pick-up from school on Fridays", ("Input.Sensitive", "true"), ("Input.Audience", "VettedHelpers")), HttpStatusCode.Redirect);
        var edited = await app.WithDbAsync(db => db.AidItems.AsNoTracking().SingleAsync(i => i.Id == item.Id));
        Assert.Equal("Pick-up from school on Fridays", edited.Title);
        Assert.True(edited.Sensitive);
        await Html.GetAsync(neighbour, $"/aid/{item.Id}", HttpStatusCode.NotFound);

        var mine = await Html.GetAsync(browser, "/aid/mine");
        Assert.Contains("Pick-up from school on Fridays", mine, StringComparison.Ordinal);
        var closed = await GroupPagesTests.PostAsync(browser, $"/aid/{item.Id}", "aid-close", []);
        Assert.Contains("Closed. It no longer shows in the list.", closed, StringComparison.Ordinal);
        Assert.Equal(AidItemState.Closed, await app.WithDbAsync(db => db.AidItems.Where(i => i.Id == item.Id).Select(i => i.State).SingleAsync()));
    }

    [Fact]
    public async Task BadInputShowsAFormErrorAndPostsNothing()
    {
        var (owner, browser) = await SignedInAsync("ap_bad");
        var sensitivePublic = await GroupPagesTests.PostAsync(browser, "/aid/new", "aid-new", Fields("Somewhere to sleep", ("Input.Sensitive", "true"), ("Input.Audience", "Public")));
        Assert.Contains("id=\"aid-audience-error\"", sensitivePublic, StringComparison.Ordinal);
        var noTitle = await GroupPagesTests.PostAsync(browser, "/aid/new", "aid-new", Fields(""));
        Assert.Contains("id=\"aid-title-error\"", noTitle, StringComparison.Ordinal);
        var backwards = await GroupPagesTests.PostAsync(browser, "/aid/new", "aid-new", Fields("Dates", ("Input.StartsOn", DateTime.UtcNow.AddDays(9).ToString("yyyy-MM-dd")), ("Input.EndsOn", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"))));
        Assert.Contains("id=\"aid-ends-error\"", backwards, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.AidItems.CountAsync(i => i.AccountId == owner.Id)));
    }

    [Fact]
    public async Task TheBrowseFormFiltersByCategoryKindAndDistance()
    {
        var (owner, browser) = await SignedInAsync("ap_browse");
        var token = await app.TokenAsync("ap_browse");
        await AidTestWorld.SetHomeAsync(app, owner.Id, 48.85, 2.35);
        await AidTestWorld.CreateItemAsync(app, token, "apbrowse ride nearby", ("category", "transport"), ("latitude", "48.86"), ("longitude", "2.35"));
        await AidTestWorld.CreateItemAsync(app, token, "apbrowse ride far", ("category", "transport"), ("latitude", "50.00"), ("longitude", "2.35"));
        await AidTestWorld.CreateItemAsync(app, token, "apbrowse soup offered", ("category", "food"), ("kind", "offer"));

        var page = await Html.GetAsync(browser, "/aid?category=transport");
        Assert.Contains("apbrowse ride nearby", page, StringComparison.Ordinal);
        Assert.Contains("apbrowse ride far", page, StringComparison.Ordinal);
        Assert.DoesNotContain("apbrowse soup offered", page, StringComparison.Ordinal);
        var near = await Html.GetAsync(browser, "/aid?category=transport&near=me&radius=10&sort=distance");
        Assert.Contains("apbrowse ride nearby", near, StringComparison.Ordinal);
        Assert.DoesNotContain("apbrowse ride far", near, StringComparison.Ordinal);
        var offers = await Html.GetAsync(browser, "/aid?kind=offer");
        Assert.Contains("apbrowse soup offered", offers, StringComparison.Ordinal);
        Assert.DoesNotContain("apbrowse ride", offers, StringComparison.Ordinal);
        var tooFar = await Html.GetAsync(browser, "/aid?near=me&radius=9999");
        Assert.Contains("role=\"alert\"", tooFar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminsAddAndArchiveCategoriesOnTheirPage()
    {
        var (_, admin) = await SignedInAsync("ap_admin", UserRole.Admin);
        var page = await GroupPagesTests.PostAsync(admin, "/admin/aid-categories", "aid-category", new() { ["Input.Name"] = "Garden help" });
        Assert.Contains("Garden help", page, StringComparison.Ordinal);
        var category = await app.WithDbAsync(db => db.AidCategories.AsNoTracking().SingleAsync(c => c.Slug == "garden-help"));
        var archived = await GroupPagesTests.PostAsync(admin, "/admin/aid-categories", $"archive-{category.Id}", new() { ["Category"] = category.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Archive"] = "true" });
        Assert.True(await app.WithDbAsync(db => db.AidCategories.Where(c => c.Id == category.Id).Select(c => c.Archived).SingleAsync()));
        Assert.Contains("Archived", archived, StringComparison.Ordinal);
        var empty = await GroupPagesTests.PostAsync(admin, "/admin/aid-categories", "aid-category", new() { ["Input.Name"] = "" });
        Assert.Contains("id=\"category-name-error\"", empty, StringComparison.Ordinal);

        var (_, member) = await SignedInAsync("ap_not_admin");
        var refused = await member.GetAsync("/admin/aid-categories");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}

public sealed class AidPagesSqliteTests(SqliteApp app) : AidPagesTests(app), IClassFixture<SqliteApp>;

public sealed class AidPagesPostgresTests(PostgresApp app) : AidPagesTests(app), IClassFixture<PostgresApp>;
