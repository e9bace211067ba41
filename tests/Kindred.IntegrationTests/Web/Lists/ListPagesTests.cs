using System.Net;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Lists;

/// <summary>Lists through the pages, posted like a browser without JavaScript.</summary>
public abstract class ListPagesTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private Task<bool> FollowAsync(long from, long to) =>
        app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().FollowAsync(from, to);
            return true;
        });

    private static async Task<string> PostAsync(HttpClient browser, string url, string form, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Html.PostFormAsync(browser, url, form, fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {Html.Snippet(body)}");
        return expected == HttpStatusCode.Redirect ? Html.Location(response) : body;
    }

    [Fact]
    public async Task AMemberCreatesFillsRenamesAndDeletesAList()
    {
        var owner = await app.CreateUserAsync("wl_owner");
        var friend = await app.CreateUserAsync("wl_friend");
        await FollowAsync(owner.Id, friend.Id);
        await app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(friend.Id, new NewStatus("Seedlings to share", "http://localhost", Audience.Members)));
        var browser = await SignedInAsync("wl_owner");
        Assert.Contains("href=\"/lists\"", await Html.GetAsync(browser, "/"), StringComparison.Ordinal);

        var location = await PostAsync(browser, "/lists", "new-list", new() { ["Input.Title"] = "Garden club" }, HttpStatusCode.Redirect);
        var list = await app.WithDbAsync(db => db.Lists.SingleAsync(l => l.AccountId == owner.Id));
        Assert.Equal($"/lists/{list.Id}", location);
        Assert.Contains("Garden club", await Html.GetAsync(browser, "/lists"), StringComparison.Ordinal);

        var added = await PostAsync(browser, location, "list-add", new() { ["Add"] = friend.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("@wl_friend is now in this list.", added, StringComparison.Ordinal);
        Assert.Contains("Seedlings to share", await Html.GetAsync(browser, location), StringComparison.Ordinal);

        var blank = await PostAsync(browser, location, "list-settings", new() { ["Input.Title"] = " " });
        Assert.Contains("id=\"list-title-error\"", blank, StringComparison.Ordinal);
        Assert.Equal("Garden club", await app.WithDbAsync(db => db.Lists.Where(l => l.Id == list.Id).Select(l => l.Title).SingleAsync()));
        await PostAsync(browser, location, "list-settings", new() { ["Input.Title"] = "Growers", ["Input.RepliesPolicy"] = "None", ["Input.Exclusive"] = "true" });
        var saved = await app.WithDbAsync(db => db.Lists.AsNoTracking().SingleAsync(l => l.Id == list.Id));
        Assert.Equal(("Growers", ListRepliesPolicy.None, true), (saved.Title, saved.RepliesPolicy, saved.Exclusive));

        var removed = await PostAsync(browser, location, "list-members", new() { ["Remove"] = friend.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("@wl_friend is no longer in this list.", removed, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.ListMembers.AnyAsync(m => m.ListId == list.Id)));

        Assert.Equal("/lists", await PostAsync(browser, location, "list-delete", new() { ["Confirm"] = "yes" }, HttpStatusCode.Redirect));
        Assert.False(await app.WithDbAsync(db => db.Lists.AnyAsync(l => l.Id == list.Id)));
        await Html.GetAsync(browser, location, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadInputShowsAnErrorAndChangesNothing()
    {
        var owner = await app.CreateUserAsync("wl_bad");
        var stranger = await app.CreateUserAsync("wl_bad_x");
        // Following someone puts the "add" form on the page.
        await FollowAsync(owner.Id, (await app.CreateUserAsync("wl_bad_f")).Id);
        var browser = await SignedInAsync("wl_bad");
        var page = await PostAsync(browser, "/lists", "new-list", new() { ["Input.Title"] = new string('x', 101) });
        Assert.Contains("id=\"list-title-error\"", page, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Lists.AnyAsync(l => l.AccountId == owner.Id)));

        await PostAsync(browser, "/lists", "new-list", new() { ["Input.Title"] = "Mine" }, HttpStatusCode.Redirect);
        var list = await app.WithDbAsync(db => db.Lists.SingleAsync(l => l.AccountId == owner.Id));
        // Posting someone not followed (no browser offers it) is refused.
        var refused = await PostAsync(browser, $"/lists/{list.Id}", "list-add", new() { ["Add"] = stranger.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("You can only add accounts you follow to a list.", refused, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.ListMembers.AnyAsync(m => m.ListId == list.Id)));

        // Another member's list does not exist for them.
        await Html.GetAsync(await SignedInAsync("wl_bad_x"), $"/lists/{list.Id}", HttpStatusCode.NotFound);
    }
}

public sealed class ListPagesSqliteTests(SqliteApp app) : ListPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ListPagesPostgresTests(PostgresApp app) : ListPagesTests(app), IClassFixture<PostgresApp>;
