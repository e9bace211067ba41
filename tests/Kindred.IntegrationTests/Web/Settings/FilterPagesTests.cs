using System.Globalization;
using System.Net;
using Kindred.Core.Filters;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Settings;

/// <summary>The filters settings pages, posted like a browser without JavaScript, and filters on the web feeds: a
/// warned post waits behind "Filtered: title", a hidden one is absent.</summary>
public abstract class FilterPagesTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private static async Task<string> PostAsync(HttpClient browser, string url, string form, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Html.PostFormAsync(browser, url, form, fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {Html.Snippet(body)}");
        return expected == HttpStatusCode.Redirect ? Html.Location(response) : body;
    }

    [Fact]
    public async Task AMemberCreatesEditsAndDeletesAFilterFromTheSettingsPages()
    {
        var owner = await app.CreateUserAsync("wf_owner");
        await app.CreateUserAsync("wf_other");
        var browser = await SignedInAsync("wf_owner");
        Assert.Contains("href=\"/settings/filters\"", await Html.GetAsync(browser, "/settings/filters"), StringComparison.Ordinal);

        var blank = await PostAsync(browser, "/settings/filters", "new-filter", new()
        {
            ["Input.Title"] = " ",
            ["Input.Home"] = "true",
            ["Input.Action"] = "Warn",
            ["Input.ExpiresIn"] = "never",
        });
        Assert.Contains("id=\"filter-title-error\"", blank, StringComparison.Ordinal);
        var nowhere = await PostAsync(browser, "/settings/filters", "new-filter", new() { ["Input.Title"] = "Nowhere", ["Input.Action"] = "Warn", ["Input.ExpiresIn"] = "never" });
        Assert.Contains("Choose at least one context.", nowhere, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Filters.CountAsync(f => f.AccountId == owner.Id)));

        var location = await PostAsync(browser, "/settings/filters", "new-filter", new()
        {
            ["Input.Title"] = "Spoilers",
            ["Input.Home"] = "true",
            ["Input.Public"] = "true",
            ["Input.Action"] = "Hide",
            ["Input.ExpiresIn"] = "86400",
            ["Input.Keyword"] = "finale",
            ["Input.WholeWord"] = "true",
        }, HttpStatusCode.Redirect);
        var filter = await app.WithDbAsync(db => db.Filters.Include(f => f.Keywords).AsNoTracking().SingleAsync(f => f.AccountId == owner.Id));
        Assert.Equal($"/settings/filters/{filter.Id}", location);
        Assert.Equal((FilterContexts.Home | FilterContexts.Public, FilterAction.Hide, "finale"), (filter.Contexts, filter.Action, filter.Keywords.Single().Keyword));
        Assert.NotNull(filter.ExpiresAt);
        Assert.Contains("Spoilers", await Html.GetAsync(browser, "/settings/filters"), StringComparison.Ordinal);

        await PostAsync(browser, location, "filter-settings", new()
        {
            ["Input.Title"] = "TV shows",
            ["Input.Thread"] = "true",
            ["Input.Action"] = "Warn",
            ["Input.ExpiresIn"] = "never",
        });
        await PostAsync(browser, location, "filter-keyword", new() { ["KeywordInput.Keyword"] = "season", ["KeywordInput.WholeWord"] = "false" });
        var changed = await app.WithDbAsync(db => db.Filters.Include(f => f.Keywords).AsNoTracking().SingleAsync(f => f.Id == filter.Id));
        Assert.Equal(("TV shows", FilterContexts.Thread, FilterAction.Warn, (DateTime?)null), (changed.Title, changed.Contexts, changed.Action, changed.ExpiresAt));
        Assert.Equal(["finale", "season"], changed.Keywords.Select(k => k.Keyword).Order());
        var finale = changed.Keywords.Single(k => k.Keyword == "finale");
        await PostAsync(browser, location, "filter-keywords", new() { ["RemoveKeyword"] = finale.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(["season"], await app.WithDbAsync(db => db.FilterKeywords.Where(k => k.FilterId == filter.Id).Select(k => k.Keyword).ToListAsync()));

        // Another member's filter is not found, and their forms change nothing.
        var other = await SignedInAsync("wf_other");
        await Html.GetAsync(other, location, HttpStatusCode.NotFound);
        // A title with a space: a random antiforgery token never holds one, so the check cannot meet it by chance.
        Assert.DoesNotContain("TV shows", await Html.GetAsync(other, "/settings/filters"), StringComparison.Ordinal);

        Assert.Equal("/settings/filters", await PostAsync(browser, location, "filter-delete", new() { ["Confirm"] = "yes" }, HttpStatusCode.Redirect));
        Assert.Equal(0, await app.WithDbAsync(db => db.Filters.CountAsync(f => f.AccountId == owner.Id)));
        await Html.GetAsync(browser, location, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheHomeFeedCollapsesWarnedPostsAndLeavesOutHiddenOnes()
    {
        var reader = await app.CreateUserAsync("wf_reader");
        var author = await app.CreateUserAsync("wf_author");
        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().FollowAsync(reader.Id, author.Id);
            var statuses = s.GetRequiredService<StatusService>();
            await statuses.CreateAsync(author.Id, new NewStatus("Who won the match last night", "http://localhost", Audience.Public));
            await statuses.CreateAsync(author.Id, new NewStatus("The snake escaped again", "http://localhost", Audience.Public));
            await statuses.CreateAsync(author.Id, new NewStatus("Lovely tomatoes today", "http://localhost", Audience.Public));
            var filters = s.GetRequiredService<FilterService>();
            await filters.CreateAsync(reader.Id, new FilterChange("Sport", FilterContexts.Home, FilterAction.Warn, Keywords: [new KeywordChange(null, "match", true)]));
            await filters.CreateAsync(reader.Id, new FilterChange("Snakes", FilterContexts.Home, FilterAction.Hide, Keywords: [new KeywordChange(null, "snake", true)]));
            return true;
        });
        var home = await Html.GetAsync(await SignedInAsync("wf_reader"), "/");
        Assert.Contains("Lovely tomatoes today", home, StringComparison.Ordinal);
        Assert.DoesNotContain("The snake escaped again", home, StringComparison.Ordinal);
        var details = home.IndexOf("<details class=\"filtered-post\">", StringComparison.Ordinal);
        var warned = home.IndexOf("<summary>Filtered: Sport</summary>", StringComparison.Ordinal);
        Assert.True(details >= 0 && warned > details, Html.Snippet(home));
        Assert.True(home.IndexOf("Who won the match last night", StringComparison.Ordinal) > warned);

        // Public feeds are another context: the hidden post is there for this reader.
        Assert.Contains("The snake escaped again", await Html.GetAsync(await SignedInAsync("wf_reader"), "/community"), StringComparison.Ordinal);
    }
}

public sealed class FilterPagesSqliteTests(SqliteApp app) : FilterPagesTests(app), IClassFixture<SqliteApp>;

public sealed class FilterPagesPostgresTests(PostgresApp app) : FilterPagesTests(app), IClassFixture<PostgresApp>;
