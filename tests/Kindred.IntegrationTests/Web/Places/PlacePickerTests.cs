using System.Net;
using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Admin;
using Kindred.IntegrationTests.Web.Groups;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Places;

/// <summary>
/// Choosing a place by name without JavaScript (ADR 88): the profile, aid and group forms offer the organization's places
/// (a select for a short list, a datalist and the GET lookup page for a long one), never ask for coordinates, store the
/// place's name and coarse centre, and distance bands work from there, still as bands.
/// </summary>
public abstract class PlacePickerTests(PlacesApp app)
{
    private const string Montreal = """
        name,latitude,longitude,parent,kind
        Montréal,45.51,-73.56,,town
        Verdun,45.4571,-73.5712,Montréal,neighbourhood
        Plateau,45.5212,-73.5801,Montréal,neighbourhood
        Laval,45.61,-73.71,,town
        """;

    private async Task<(User User, HttpClient Browser)> SignedInAsync(string username, UserRole role = UserRole.Member)
    {
        var user = await app.CreateUserAsync(username, role);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return (user, browser);
    }

    /// <summary>The tests of a class share one database: Montréal's places are imported once.</summary>
    private async Task MontrealAsync()
    {
        if (!await app.WithDbAsync(db => db.Places.AnyAsync(p => p.Name == "Verdun")))
        {
            await PlacesAsync(Montreal);
        }
    }

    private async Task PlacesAsync(string text)
    {
        var (_, admin) = await SignedInAsync("pp_admin_" + Guid.NewGuid().ToString("N")[..6], UserRole.Admin);
        Assert.Contains(" imported.", await PlacesPageTests.ImportAsync(admin, text), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ProfileAsync(HttpClient browser, string area) =>
        Html.PostFormAsync(browser, "/settings/profile", "profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Neighbour",
            ["Input.Locale"] = "en",
            ["Input.AreaName"] = area,
        });

    /// <summary>A page as a reader sees it: Razor writes "é" as a character reference.</summary>
    private static async Task<string> DecodedAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await Html.GetAsync(client, url));

    private Task<Kindred.Data.Entities.Account> AccountAsync(long id) => app.WithDbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id));

    [Fact]
    public async Task AMemberChoosesAHomePlaceByNameAndAidDistancesAreBandsFromItsCentre()
    {
        await MontrealAsync();
        var (me, mine) = await SignedInAsync("pp_me");
        var form = await DecodedAsync(mine, "/settings/profile");
        // The places are offered by name (a select, or a datalist once the list is long); no coordinate box anywhere.
        Assert.Contains("<option value=\"Verdun, Montréal\"", form, StringComparison.Ordinal);
        if (await app.WithDbAsync(db => db.Places.CountAsync()) <= 30)
        {
            Assert.Contains("<select id=\"profile-area\" name=\"Input.AreaName\"", form, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Input.Latitude", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Longitude", form, StringComparison.Ordinal);
        Assert.DoesNotContain("45.46", form, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await ProfileAsync(mine, "Verdun, Montréal")).StatusCode);
        var account = await AccountAsync(me.Id);
        Assert.Equal(("Verdun, Montréal", 45.46, -73.57), (account.AreaName, account.Latitude, account.Longitude));

        // Someone else asks for help in the Plateau, also by name (case and accents ignored).
        var (owner, theirs) = await SignedInAsync("pp_owner");
        var posted = await GroupPagesTests.PostAsync(theirs, "/aid/new", "aid-new", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Request",
            ["Input.Category"] = "childcare",
            ["Input.Title"] = "Pick-up from the Plateau school",
            ["Input.Urgency"] = "High",
            ["Input.Audience"] = "Members",
            ["Input.AreaName"] = "plateau",
        }, HttpStatusCode.Redirect);
        var item = await app.WithDbAsync(db => db.AidItems.AsNoTracking().SingleAsync(i => i.AccountId == owner.Id));
        Assert.Equal(("Plateau, Montréal", 45.52, -73.58), (item.AreaName, item.Latitude, item.Longitude));
        Assert.EndsWith($"/aid/{item.Id}", posted, StringComparison.Ordinal);

        // Distances work from the chosen places, and they are bands between cells, never kilometres or points.
        var expected = CoarseLocation.Band(new GeoPoint(45.46, -73.57), new GeoPoint(45.52, -73.58));
        var token = await app.TokenAsync("pp_me");
        var near = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/kindred/aid?near=me&radius=25"), HttpStatusCode.OK);
        var listed = near.EnumerateArray().Single(i => i.GetProperty("id").GetString() == item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.Name, listed.GetProperty("distance_band").GetString());
        Assert.Equal((double)expected.UpperKm!.Value, listed.GetProperty("distance_km").GetDouble());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("latitude").ValueKind);
        var page = await DecodedAsync(mine, $"/aid/{item.Id}");
        Assert.Contains("Plateau, Montréal", page, StringComparison.Ordinal);
        Assert.DoesNotContain("45.52", page, StringComparison.Ordinal);
        Assert.DoesNotContain("-73.58", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANameThatIsNoPlaceIsRefusedBesideTheFieldAndChangesNothing()
    {
        await MontrealAsync();
        await PlacesAsync("name,latitude,longitude\nLaval-des-Rapides,45.56,-73.72");
        var (me, mine) = await SignedInAsync("pp_bad");
        Assert.Equal(HttpStatusCode.Redirect, (await ProfileAsync(mine, "Laval-des-Rapides")).StatusCode);
        var before = await AccountAsync(me.Id);

        var refused = await ProfileAsync(mine, "Atlantis");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"profile-area-error\"", body, StringComparison.Ordinal);
        Assert.Contains("There is no place called", body, StringComparison.Ordinal);
        // Part of a name lists the places it could be.
        Assert.Contains("Choose one place: Laval-des-Rapides", await (await ProfileAsync(mine, "rapides")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await AccountAsync(me.Id);
        Assert.Equal((before.AreaName, before.Latitude, before.Longitude), (after.AreaName, after.Latitude, after.Longitude));

        // Saving the profile again with the same area keeps it; an empty area removes the point.
        Assert.Equal(HttpStatusCode.Redirect, (await ProfileAsync(mine, "Laval-des-Rapides")).StatusCode);
        Assert.Equal(before.Latitude, (await AccountAsync(me.Id)).Latitude);
        Assert.Equal(HttpStatusCode.Redirect, (await ProfileAsync(mine, "")).StatusCode);
        Assert.Null((await AccountAsync(me.Id)).Latitude);

        // Coordinates an older form may still post are not read (ADR 97): the chosen place's centre is the point.
        var older = await Html.PostFormAsync(mine, "/settings/profile", "profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Neighbour",
            ["Input.Locale"] = "en",
            ["Input.AreaName"] = "Laval-des-Rapides",
            ["Input.Latitude"] = "1.5",
            ["Input.Longitude"] = "2.5",
        });
        Assert.Equal(HttpStatusCode.Redirect, older.StatusCode);
        var placed = await AccountAsync(me.Id);
        Assert.Equal(("Laval-des-Rapides", 45.56, -73.72), (placed.AreaName, placed.Latitude, placed.Longitude));
    }

    [Fact]
    public async Task AGroupPicksItsPlaceByNameAndALongListBecomesADatalistWithALookupPage()
    {
        await MontrealAsync();
        var (_, browser) = await SignedInAsync("pp_group");
        var form = await DecodedAsync(browser, "/groups/new");
        Assert.Contains("value=\"Laval\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Latitude", form, StringComparison.Ordinal);
        await GroupPagesTests.PostAsync(browser, "/groups/new", "group-new", new Dictionary<string, string>
        {
            ["Input.Name"] = "Laval Gardeners",
            ["Input.Kind"] = "Place",
            ["Input.Visibility"] = "Public",
            ["Input.JoinPolicy"] = "Open",
            ["Input.AreaName"] = "LAVAL",
        }, HttpStatusCode.Redirect);
        var group = await app.WithDbAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Name == "Laval Gardeners"));
        Assert.Equal(("Laval", 45.61, -73.71), (group.AreaName, group.Latitude, group.Longitude));

        // Past a short list: a text box with suggestions, and the lookup page answers a plain GET.
        await PlacesAsync("name,latitude,longitude\n" + string.Join('\n', Enumerable.Range(1, 40).Select(i => $"Secteur {i},46.{i:00},-72.5")));
        var longForm = await DecodedAsync(browser, "/settings/profile");
        Assert.Contains("list=\"profile-area-places\"", longForm, StringComparison.Ordinal);
        Assert.Contains("<datalist id=\"profile-area-places\">", longForm, StringComparison.Ordinal);
        Assert.Contains("href=\"/places\"", longForm, StringComparison.Ordinal);
        var lookup = await DecodedAsync(browser, "/places?q=verd");
        Assert.Contains("Verdun, Montréal", lookup, StringComparison.Ordinal);
        Assert.DoesNotContain("Laval</strong>", lookup, StringComparison.Ordinal);
        Assert.DoesNotContain("45.46", lookup, StringComparison.Ordinal);
        Assert.Contains("Secteur 12", await DecodedAsync(browser, "/places?q=secteur+1"), StringComparison.Ordinal);
        // The lookup is for members: anonymous visitors are sent to sign in.
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync("/places?q=verd")).StatusCode);
        Assert.Empty(app.Requests);
    }
}

public sealed class PlacePickerSqliteTests(PlacesSqliteApp app) : PlacePickerTests(app), IClassFixture<PlacesSqliteApp>;

public sealed class PlacePickerPostgresTests(PlacesPostgresApp app) : PlacePickerTests(app), IClassFixture<PlacesPostgresApp>;
