using System.Globalization;
using System.Net;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Pages;

/// <summary>Following, blocking and deciding follow requests through the pages, posted like a browser without JavaScript.</summary>
public abstract class RelationshipPagesTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private static async Task<string> ActAsync(HttpClient browser, string profile, string act)
    {
        var response = await Html.PostFormAsync(browser, profile, "relationship", new Dictionary<string, string> { ["Act"] = act });
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Html.Snippet(page));
        return page;
    }

    private Task<bool> FollowsAsync(long from, long to) =>
        app.WithDbAsync(db => db.Follows.AnyAsync(f => f.AccountId == from && f.TargetAccountId == to));

    [Fact]
    public async Task AMemberFollowsUnfollowsAndBlocksFromAProfile()
    {
        var wren = await app.CreateUserAsync("web_wren");
        var yara = await app.CreateUserAsync("web_yara");
        var browser = await SignedInAsync("web_wren");

        var before = await Html.GetAsync(browser, "/@web_yara");
        Assert.Contains("value=\"follow\"", before, StringComparison.Ordinal);
        Assert.Contains("<li>0 followers</li>", before, StringComparison.Ordinal);

        var followed = await ActAsync(browser, "/@web_yara", "follow");
        Assert.Contains("You now follow web_yara.", followed, StringComparison.Ordinal);
        Assert.Contains("value=\"unfollow\"", followed, StringComparison.Ordinal);
        Assert.Contains("<li>1 follower</li>", followed, StringComparison.Ordinal);
        Assert.True(await FollowsAsync(wren.Id, yara.Id));

        await ActAsync(browser, "/@web_yara", "unfollow");
        Assert.False(await FollowsAsync(wren.Id, yara.Id));

        // Yara follows Wren; Wren's block ends that too.
        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<Kindred.Core.Relationships.RelationshipService>().FollowAsync(yara.Id, wren.Id);
            return true;
        });
        await ActAsync(browser, "/@web_yara", "follow");
        var blocked = await ActAsync(browser, "/@web_yara", "block");
        Assert.Contains("value=\"unblock\"", blocked, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"follow\"", blocked, StringComparison.Ordinal);
        Assert.False(await FollowsAsync(wren.Id, yara.Id));
        Assert.False(await FollowsAsync(yara.Id, wren.Id));

        // The blocked member gets no follow button and cannot follow by posting one.
        var yaraBrowser = await SignedInAsync("web_yara");
        var theirView = await Html.GetAsync(yaraBrowser, "/@web_wren");
        Assert.DoesNotContain("value=\"follow\"", theirView, StringComparison.Ordinal);
        var refused = await ActAsync(yaraBrowser, "/@web_wren", "follow");
        Assert.Contains("You cannot follow this account.", refused, StringComparison.Ordinal);
        Assert.False(await FollowsAsync(yara.Id, wren.Id));

        var unblocked = await ActAsync(browser, "/@web_yara", "unblock");
        Assert.Contains("value=\"follow\"", unblocked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfilesShowNoButtonsToVisitorsOrTheirOwner()
    {
        await app.CreateUserAsync("web_solo");
        var anonymous = await Html.GetAsync(app.Browser(), "/@web_solo");
        Assert.Contains("followers", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Act\"", anonymous, StringComparison.Ordinal);
        var own = await Html.GetAsync(await SignedInAsync("web_solo"), "/@web_solo");
        Assert.DoesNotContain("name=\"Act\"", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALockedMemberApprovesARequestOnTheSettingsPage()
    {
        var asker = await app.CreateUserAsync("web_asker");
        var keeper = await app.CreateUserAsync("web_keeper");
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == keeper.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Locked, true)));
        await app.CreateUserAsync("web_other");
        var other = await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "web_other").Select(a => a.Id).SingleAsync());

        var askerBrowser = await SignedInAsync("web_asker");
        var asked = await ActAsync(askerBrowser, "/@web_keeper", "follow");
        Assert.Contains("value=\"unfollow\"", asked, StringComparison.Ordinal);
        Assert.Contains("Cancel follow request", asked, StringComparison.Ordinal);
        var otherBrowser = await SignedInAsync("web_other");
        await ActAsync(otherBrowser, "/@web_keeper", "follow");

        var keeperBrowser = await SignedInAsync("web_keeper");
        var queue = await Html.GetAsync(keeperBrowser, "/settings/follow-requests");
        Assert.Contains("@web_asker", queue, StringComparison.Ordinal);
        var approved = await Html.PostFormAsync(keeperBrowser, "/settings/follow-requests", "follow-requests",
            new Dictionary<string, string> { ["Approve"] = asker.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Contains("@web_asker now follows you.", await approved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await FollowsAsync(asker.Id, keeper.Id));

        var rejected = await Html.PostFormAsync(keeperBrowser, "/settings/follow-requests", "follow-requests",
            new Dictionary<string, string> { ["Reject"] = other.ToString(CultureInfo.InvariantCulture) });
        var after = await rejected.Content.ReadAsStringAsync();
        Assert.Contains("Nobody is waiting for an answer.", after, StringComparison.Ordinal);
        Assert.False(await FollowsAsync(other, keeper.Id));
        Assert.False(await app.WithDbAsync(db => db.FollowRequests.AnyAsync(r => r.TargetAccountId == keeper.Id)));

        // Someone else's request cannot be decided: a stale or forged id gets a clear answer.
        var stale = await Html.PostFormAsync(keeperBrowser, "/settings/follow-requests", "follow-requests",
            new Dictionary<string, string> { ["Approve"] = other.ToString(CultureInfo.InvariantCulture) });
        Assert.Contains("Record not found", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HidingTheNetworkIsASettingOnTheProfilePage()
    {
        var hider = await app.CreateUserAsync("web_hider");
        var browser = await SignedInAsync("web_hider");
        var response = await Html.PostFormAsync(browser, "/settings/profile", "profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Hider",
            ["Input.Locale"] = "en",
            ["Input.HideCollections"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == hider.Id).Select(a => a.HideCollections).SingleAsync()));
        Assert.Contains("id=\"profile-hide-collections\"", await Html.GetAsync(browser, "/settings/profile"), StringComparison.Ordinal);
    }
}

public sealed class RelationshipPagesSqliteTests(SqliteApp app) : RelationshipPagesTests(app), IClassFixture<SqliteApp>;

public sealed class RelationshipPagesPostgresTests(PostgresApp app) : RelationshipPagesTests(app), IClassFixture<PostgresApp>;
