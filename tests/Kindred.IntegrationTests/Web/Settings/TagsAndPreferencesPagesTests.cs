using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Settings;

/// <summary>The web side of ADR 80: following a hashtag from its page, the followed list in settings, the posting and
/// reading preferences page, and the admin's trends switch, posted like a browser without JavaScript.</summary>
public abstract class TagsAndPreferencesPagesTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username, UserRole role = UserRole.Member)
    {
        await app.CreateUserAsync(username, role);
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private static async Task<string> PostAsync(HttpClient browser, string url, string form, Dictionary<string, string> fields)
    {
        var response = await Html.PostFormAsync(browser, url, form, fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {Html.Snippet(body)}");
        return body;
    }

    [Fact]
    public async Task AMemberFollowsAHashtagFromItsPageAndUnfollowsItInSettings()
    {
        var browser = await SignedInAsync("wt_follower");
        Assert.DoesNotContain("name=\"Follow\"", await Html.GetAsync(app.Browser(), "/tags/verger"), StringComparison.Ordinal);
        Assert.Contains("Follow #verger", await Html.GetAsync(browser, "/tags/verger"), StringComparison.Ordinal);

        var followed = await PostAsync(browser, "/tags/verger", "tag-follow", new() { ["Follow"] = "on" });
        Assert.Contains("Unfollow #verger", followed, StringComparison.Ordinal);
        var me = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "wt_follower").Select(u => u.Id).FirstAsync());
        Assert.True(await app.WithDbAsync(db => db.TagFollows.AnyAsync(f => f.AccountId == me && f.Tag.Name == "verger")));

        var settings = await Html.GetAsync(browser, "/settings/tags");
        Assert.Contains("href=\"/tags/verger\"", settings, StringComparison.Ordinal);
        var after = await PostAsync(browser, "/settings/tags", "followed-tags", new() { ["Unfollow"] = "verger" });
        Assert.Contains("You follow no hashtags.", after, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.TagFollows.AnyAsync(f => f.AccountId == me)));
    }

    [Fact]
    public async Task APreferencesPageSavesWhatAppsReadAndTheComposerOffers()
    {
        var browser = await SignedInAsync("wt_prefs");
        var page = await Html.GetAsync(browser, "/settings/preferences");
        Assert.Contains("value=\"members_only\" selected", page, StringComparison.Ordinal);

        var bad = await PostAsync(browser, "/settings/preferences", "preferences", new()
        {
            ["Input.Visibility"] = "public",
            ["Input.Language"] = "french!",
            ["Input.ExpandMedia"] = "ShowAll",
        });
        Assert.Contains("id=\"preferences-language-error\"", bad, StringComparison.Ordinal);
        var me = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "wt_prefs").FirstAsync());
        Assert.Null(me.PostingVisibility);

        await PostAsync(browser, "/settings/preferences", "preferences", new()
        {
            ["Input.Visibility"] = "unlisted",
            ["Input.Sensitive"] = "true",
            ["Input.Language"] = "fr",
            ["Input.ExpandMedia"] = "ShowAll",
            ["Input.ExpandSpoilers"] = "true",
        });
        var token = await app.TokenAsync("wt_prefs");
        var preferences = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/preferences"), HttpStatusCode.OK);
        Assert.Equal("unlisted", preferences.GetProperty("posting:default:visibility").GetString());
        Assert.True(preferences.GetProperty("posting:default:sensitive").GetBoolean());
        Assert.Equal("fr", preferences.GetProperty("posting:default:language").GetString());
        Assert.Equal("show_all", preferences.GetProperty("reading:expand:media").GetString());
        Assert.True(preferences.GetProperty("reading:expand:spoilers").GetBoolean());
        Assert.Contains("<option value=\"unlisted\" selected", await Html.GetAsync(browser, "/compose"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync("/settings/preferences")).StatusCode);
    }

    [Fact]
    public async Task AnAdminTurnsTrendsOffAndOnFromTheOrganizationPage()
    {
        var browser = await SignedInAsync("wt_admin", UserRole.Admin);
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Helping Hands",
            ["Input.Description"] = "Neighbours helping neighbours.",
            ["Input.LongDescription"] = "",
            ["Input.AreaName"] = "Lyon",
            ["Input.AccentColor"] = "",
            ["Input.LinkColor"] = "",
            ["Input.DefaultLanguage"] = "en",
            ["Input.TimeZone"] = "",
            ["Input.RegistrationMode"] = "",
            ["Input.Rules"] = "",
            ["Input.PrivacyPolicy"] = "",
            ["Input.Terms"] = "",
        };
        await PostAsync(browser, "/admin/organization", "organization", new(fields) { ["Input.TrendsOff"] = "true" });
        Assert.True(await app.WithDbAsync(db => db.Organizations.Select(o => o.TrendsOff).FirstAsync()));
        Assert.Contains("trends", await app.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Summary).FirstAsync()), StringComparison.Ordinal);
        await PostAsync(browser, "/admin/organization", "organization", fields);
        Assert.False(await app.WithDbAsync(db => db.Organizations.Select(o => o.TrendsOff).FirstAsync()));
    }
}

public sealed class TagsAndPreferencesPagesSqliteTests(SqliteApp app) : TagsAndPreferencesPagesTests(app), IClassFixture<SqliteApp>;

public sealed class TagsAndPreferencesPagesPostgresTests(PostgresApp app) : TagsAndPreferencesPagesTests(app), IClassFixture<PostgresApp>;
