using System.Net;
using Kindred.Core.Aid;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Aid;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Aid;

/// <summary>
/// The helper opt-ins page (/settings/helping: save, load, a bad distance changing nothing, anonymous visitors) and an
/// item's suggestions page (/aid/{id}/matches: its owner only, and never the names of the helpers who fit).
/// </summary>
public abstract class AidHelpingPagesTests(AidApp app)
{
    // Paris: far from the Lyon members the opt-in tests create, so their opt-ins never count among these helpers.
    private const double ParisLat = 48.85;
    private const double ParisLon = 2.35;

    private async Task<HttpClient> SignedInAsync(User who)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, who.UserName!, KindredApp.Password);
        return browser;
    }

    private async Task<List<(string Slug, int Km)>> OptInsAsync(User who)
    {
        var rows = await app.WithDbAsync(db => db.AidHelperCategories.Where(h => h.AccountId == who.Id)
            .Join(db.AidCategories, h => h.CategoryId, c => c.Id, (h, c) => new { c.Slug, h.RadiusKm })
            .ToListAsync());
        return rows.Select(r => (r.Slug, r.RadiusKm)).OrderBy(r => r.Slug, StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, string> Rows(params (string Slug, bool Help, string Radius)[] rows)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < rows.Length; i++)
        {
            fields[$"Input.Rows[{i}].Category"] = rows[i].Slug;
            fields[$"Input.Rows[{i}].Radius"] = rows[i].Radius;
            if (rows[i].Help)
            {
                fields[$"Input.Rows[{i}].Help"] = "true";
            }
        }
        return fields;
    }

    [Fact]
    public async Task AMemberSavesWhatTheyCanHelpWithAndSeesItAgain()
    {
        var me = await app.MemberAtAsync("hp_saver");
        var browser = await SignedInAsync(me);
        var empty = await Html.GetAsync(browser, "/settings/helping");
        Assert.Contains("Distances are measured from your home area: Lyon.", empty, StringComparison.Ordinal);
        Assert.Contains("id=\"helping-childcare\"", empty, StringComparison.Ordinal);
        Assert.Contains("href=\"/settings/helping\"", empty, StringComparison.Ordinal);

        var saved = await Html.PostFormAsync(browser, "/settings/helping", "helping",
            Rows(("childcare", true, "12"), ("food", true, "5"), ("transport", false, "10")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([("childcare", 12), ("food", 5)], await OptInsAsync(me));

        var page = await Html.GetAsync(browser, Html.Location(saved));
        Assert.Contains("Saved what you can help with.", page, StringComparison.Ordinal);
        Assert.Matches("id=\"helping-childcare\"[^>]*checked|checked[^>]*id=\"helping-childcare\"", page);
        Assert.DoesNotMatch("id=\"helping-transport\"[^>]*checked|checked[^>]*id=\"helping-transport\"", page);
        Assert.Matches("id=\"helping-radius-food\"[^>]*value=\"5\"", page);

        // Saving replaces the opt-ins: food alone now, with a new distance.
        var replaced = await Html.PostFormAsync(browser, "/settings/helping", "helping", Rows(("childcare", false, "12"), ("food", true, "30")));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal([("food", 30)], await OptInsAsync(me));
    }

    [Fact]
    public async Task ABadDistanceShowsAnErrorAndChangesNothing()
    {
        var me = await app.MemberAtAsync("hp_bad");
        await app.OptInAsync(me, "errands", 7);
        var browser = await SignedInAsync(me);
        foreach (var bad in new[] { "0", "101", "far", "" })
        {
            var response = await Html.PostFormAsync(browser, "/settings/helping", "helping", Rows(("food", true, "5"), ("childcare", true, bad)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("The distance for Childcare must be a whole number of km from 1 to 100.", body, StringComparison.Ordinal);
            Assert.Contains("aria-invalid=\"true\"", body, StringComparison.Ordinal);
            Assert.Equal([("errands", 7)], await OptInsAsync(me));
        }

        // A bad distance on a row left unticked is not saved, so it is no error.
        var ignored = await Html.PostFormAsync(browser, "/settings/helping", "helping", Rows(("errands", true, "7"), ("childcare", false, "far")));
        Assert.Equal(HttpStatusCode.Redirect, ignored.StatusCode);
    }

    [Fact]
    public async Task WithoutAHomeAreaThePageSaysSoAndAnonymousVisitorsAreSentToSignIn()
    {
        var nowhere = await app.MemberAtAsync("hp_nowhere", lat: null, lon: null);
        var page = await Html.GetAsync(await SignedInAsync(nowhere), "/settings/helping");
        Assert.Contains("Your profile has no position for your home area yet", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/settings/profile\"", page, StringComparison.Ordinal);

        var anonymous = await app.Browser().GetAsync("/settings/helping");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/sign-in", Html.Location(anonymous), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOwnerOfARequestSeesFittingOffersAndOnlyHowManyHelpersFit()
    {
        var owner = await app.MemberAtAsync("hp_asker", ParisLat, ParisLon);
        var helper = await app.MemberAtAsync("hp_helper", ParisLat, ParisLon);
        var offerer = await app.MemberAtAsync("hp_offerer", ParisLat, ParisLon);
        var stranger = await app.MemberAtAsync("hp_stranger", ParisLat, ParisLon);
        await app.OptInAsync(helper, "childcare", 20);
        var offer = await app.ItemAsync(offerer, new AidInput { Kind = AidKind.Offer, Category = "childcare", Title = "Babysitting on weekday evenings" });
        var request = await app.ItemAsync(owner, new AidInput { Kind = AidKind.Request, Category = "childcare", Title = "Someone to mind my daughter on Thursday" });

        var ownerBrowser = await SignedInAsync(owner);
        Assert.Contains($"href=\"/aid/{request.Id}/matches\"", await Html.GetAsync(ownerBrowser, $"/aid/{request.Id}"), StringComparison.Ordinal);
        var page = await Html.GetAsync(ownerBrowser, $"/aid/{request.Id}/matches");
        Assert.Contains($"href=\"/aid/{offer.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains("Babysitting on weekday evenings", page, StringComparison.Ordinal);
        Assert.Contains("Helpers who fit: 1", page, StringComparison.Ordinal);
        Assert.DoesNotContain(helper.UserName!, page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"/@{helper.UserName}", page, StringComparison.OrdinalIgnoreCase);

        // Anyone else: the page does not exist for them, nor the link to it.
        var strangerBrowser = await SignedInAsync(stranger);
        Assert.DoesNotContain($"/aid/{request.Id}/matches", await Html.GetAsync(strangerBrowser, $"/aid/{request.Id}"), StringComparison.Ordinal);
        await Html.GetAsync(strangerBrowser, $"/aid/{request.Id}/matches", HttpStatusCode.NotFound);
        await Html.GetAsync(await SignedInAsync(helper), $"/aid/{request.Id}/matches", HttpStatusCode.NotFound);
        await Html.GetAsync(ownerBrowser, "/aid/999999999/matches", HttpStatusCode.NotFound);
        var anonymous = await app.Browser().GetAsync($"/aid/{request.Id}/matches");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/sign-in", Html.Location(anonymous), StringComparison.Ordinal);

        // The offer's owner sees the request their offer could answer.
        var offerPage = await Html.GetAsync(await SignedInAsync(offerer), $"/aid/{offer.Id}/matches");
        Assert.Contains($"href=\"/aid/{request.Id}\"", offerPage, StringComparison.Ordinal);
        Assert.Contains("Requests you could answer", offerPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedItemHasNoSuggestions()
    {
        var owner = await app.MemberAtAsync("hp_closer", ParisLat, ParisLon);
        var request = await app.ItemAsync(owner, new AidInput { Kind = AidKind.Request, Category = "food", Title = "A food parcel this week" });
        await app.WithDbAsync(db => db.AidItems.Where(i => i.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.State, AidItemState.Closed)));
        var browser = await SignedInAsync(owner);
        Assert.DoesNotContain($"/aid/{request.Id}/matches", await Html.GetAsync(browser, $"/aid/{request.Id}"), StringComparison.Ordinal);
        Assert.Contains("Suggestions are made only while it is open.", await Html.GetAsync(browser, $"/aid/{request.Id}/matches"), StringComparison.Ordinal);
    }
}

public sealed class AidHelpingPagesSqliteTests(AidSqliteApp app) : AidHelpingPagesTests(app), IClassFixture<AidSqliteApp>;

public sealed class AidHelpingPagesPostgresTests(AidPostgresApp app) : AidHelpingPagesTests(app), IClassFixture<AidPostgresApp>;
