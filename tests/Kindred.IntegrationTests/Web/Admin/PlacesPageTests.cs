using System.Globalization;
using System.Net;
using System.Text;
using Kindred.Core.Audit;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Admin;

/// <summary>/admin/places (ADR 88): only admins and the owner manage places, every change is audited, centres are
/// rounded, a CSV or GeoNames import adds every row or none (bad rows named by line), and with no geocoder configured
/// (the default) no request ever leaves the server.</summary>
public abstract class PlacesPageTests(PlacesApp app)
{
    private async Task<HttpClient> SignedInAsync(string username, UserRole role = UserRole.Member)
    {
        await app.CreateUserAsync(username, role);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    internal static async Task<string> SaveAsync(HttpClient admin, string name, string? lat, string? lon, string kind = "Neighbourhood", string parent = "", string url = "/admin/places")
    {
        var fields = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Kind"] = kind, ["Input.Parent"] = parent };
        if (lat is not null)
        {
            fields["Input.Latitude"] = lat;
        }
        if (lon is not null)
        {
            fields["Input.Longitude"] = lon;
        }
        var response = await Html.PostFormAsync(admin, url, "place", fields);
        // Razor writes "é" as a character reference: the page is read as a reader sees it.
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, Html.Snippet(body));
        return body;
    }

    internal static async Task<string> ImportAsync(HttpClient admin, string text, string fileName = "places.csv")
    {
        var response = await Html.PostMultipartFormAsync(admin, "/admin/places", "place-import", new Dictionary<string, string>(),
            [("file", fileName, Encoding.UTF8.GetBytes(text), "text/csv")]);
        // Razor writes "é" as a character reference: the page is read as a reader sees it.
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, Html.Snippet(body));
        return body;
    }

    private Task<Place?> PlaceAsync(string name) =>
        app.WithDbAsync(db => db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name));

    private Task<int> CountAsync() => app.WithDbAsync(db => db.Places.CountAsync());

    [Fact]
    public async Task OnlyAdminsAndTheOwnerOpenOrChangeThePlacesPage()
    {
        var admin = await SignedInAsync("pl_matrix_admin", UserRole.Admin);
        await SaveAsync(admin, "Matrixville", "45.1", "-73.1", "Town");
        var place = (await PlaceAsync("Matrixville"))!;
        var count = await CountAsync();
        foreach (var (name, role) in new[] { ("pl_member", UserRole.Member), ("pl_staff", UserRole.Staff), ("pl_moderator", UserRole.Moderator) })
        {
            var browser = await SignedInAsync(name, role);
            foreach (var url in new[] { "/admin/places", $"/admin/places/{place.Id}" })
            {
                var refused = await browser.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
                Assert.Contains("/account/denied", Html.Location(refused), StringComparison.Ordinal);
            }
            // A forged post is refused before it reaches the form: nothing changes.
            var forged = await browser.PostAsync("/admin/places", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "place",
                ["Input.Name"] = "Forged " + name,
                ["Input.Latitude"] = "1",
                ["Input.Longitude"] = "1",
            }));
            Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
            Assert.Null(await PlaceAsync("Forged " + name));
        }
        var signedOut = await app.Browser().GetAsync("/admin/places");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);
        foreach (var (name, role) in new[] { ("pl_admin", UserRole.Admin), ("pl_owner", UserRole.Owner) })
        {
            var page = await Html.GetAsync(await SignedInAsync(name, role), "/admin/places");
            Assert.Contains("id=\"place-name\"", page, StringComparison.Ordinal);
            Assert.Contains("Matrixville", page, StringComparison.Ordinal);
        }
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task AnAdminAddsChangesAndRemovesPlacesEachAuditedWithRoundedCentres()
    {
        var admin = await SignedInAsync("pl_crud_admin", UserRole.Admin);
        // The class's tests share one database: the audit is counted from here on.
        var auditedBefore = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetKind == "place"));
        Assert.Contains("The place Montréal was added.", await SaveAsync(admin, "Montréal", "45.5089", "-73.5617", "Town"), StringComparison.Ordinal);
        Assert.Contains("The place Verdun was added.", await SaveAsync(admin, "Verdun", "45.4571", "-73.5712", parent: "montreal"), StringComparison.Ordinal);
        var town = (await PlaceAsync("Montréal"))!;
        var verdun = (await PlaceAsync("Verdun"))!;
        Assert.Equal((45.51, -73.56), (town.Latitude, town.Longitude));
        Assert.Equal((45.46, -73.57), (verdun.Latitude, verdun.Longitude));
        Assert.Equal(PlaceKind.Town, town.Kind);
        Assert.Equal(town.Id, verdun.ParentId);

        // Changing: the form opens with the place's values; empty coordinates keep the centre.
        var edit = await Html.GetAsync(admin, $"/admin/places/{verdun.Id}");
        Assert.Contains("value=\"Verdun\"", edit, StringComparison.Ordinal);
        await SaveAsync(admin, "Verdun-Sud", null, null, "Neighbourhood", "Montréal", $"/admin/places/{verdun.Id}");
        var renamed = (await PlaceAsync("Verdun-Sud"))!;
        Assert.Equal((45.46, -73.57, town.Id), (renamed.Latitude, renamed.Longitude, renamed.ParentId));

        // Removing the town leaves its neighbourhood on its own.
        var removed = await Html.PostFormAsync(admin, "/admin/places", $"delete-{town.Id}", new Dictionary<string, string> { ["Place"] = town.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Contains("The place was removed.", await removed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await PlaceAsync("Montréal"));
        Assert.Null((await PlaceAsync("Verdun-Sud"))!.ParentId);

        var actions = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.TargetKind == "place").OrderBy(e => e.Id).Skip(auditedBefore).Select(e => e.Action).ToListAsync());
        Assert.Equal(2, actions.Count(a => a == AuditActions.PlaceAdd));
        Assert.Equal(1, actions.Count(a => a == AuditActions.PlaceUpdate));
        Assert.Equal(1, actions.Count(a => a == AuditActions.PlaceDelete));
    }

    [Fact]
    public async Task BadPlacesAreRefusedBesideTheirFieldsAndNoRequestLeavesTheServer()
    {
        var admin = await SignedInAsync("pl_bad_admin", UserRole.Admin);
        await SaveAsync(admin, "Rosemont", "45.55", "-73.58");
        var before = await CountAsync();
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetKind == "place"));

        Assert.Contains("id=\"place-name-error\"", await SaveAsync(admin, "  ", "45", "-73"), StringComparison.Ordinal);
        Assert.Contains("id=\"place-name-error\"", await SaveAsync(admin, new string('n', 61), "45", "-73"), StringComparison.Ordinal);
        Assert.Contains("There is already a place called", await SaveAsync(admin, "rosemont", "45", "-73"), StringComparison.Ordinal);
        Assert.Contains("id=\"place-latitude-error\"", await SaveAsync(admin, "Nowhere", "north", "-73"), StringComparison.Ordinal);
        Assert.Contains("id=\"place-latitude-error\"", await SaveAsync(admin, "Nowhere", "95", "-73"), StringComparison.Ordinal);
        Assert.Contains("id=\"place-longitude-error\"", await SaveAsync(admin, "Nowhere", "45", "-190"), StringComparison.Ordinal);
        Assert.Contains("id=\"place-parent-error\"", await SaveAsync(admin, "Nowhere", "45", "-73", parent: "Atlantis"), StringComparison.Ordinal);
        // No centre and no geocoder (the default): an error, and the geocoder was never asked.
        var noCentre = await SaveAsync(admin, "Outremont", null, null);
        Assert.Contains("id=\"place-latitude-error\"", noCentre, StringComparison.Ordinal);
        Assert.Contains("Give the latitude and longitude of the place's centre.", noCentre, StringComparison.Ordinal);
        Assert.DoesNotContain("geocoder the server is configured with", await Html.GetAsync(admin, "/admin/places"), StringComparison.Ordinal);

        Assert.Equal(before, await CountAsync());
        Assert.Equal(audited, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetKind == "place")));
        Assert.Empty(app.Requests);
    }

    [Fact]
    public async Task ACsvImportAddsEveryRowWithParentsFromEarlierRows()
    {
        var admin = await SignedInAsync("pl_csv_admin", UserRole.Admin);
        var imports = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PlaceImport));
        var page = await ImportAsync(admin, """
            name,latitude,longitude,parent,kind
            Lyon,45.764,4.8357,,town
            Croix-Rousse,45.7745,4.8317,Lyon,neighbourhood
            "Lyon 3e",45.7597,4.8493,Lyon,postcode area

            Rhône,45.75,4.85,,region
            """);
        Assert.Contains("4 places were imported.", page, StringComparison.Ordinal);
        var lyon = (await PlaceAsync("Lyon"))!;
        var croix = (await PlaceAsync("Croix-Rousse"))!;
        Assert.Equal((45.77, 4.83, lyon.Id, PlaceKind.Neighbourhood), (croix.Latitude, croix.Longitude, croix.ParentId, croix.Kind));
        Assert.Equal(PlaceKind.PostcodeArea, (await PlaceAsync("Lyon 3e"))!.Kind);
        Assert.Equal(PlaceKind.Region, (await PlaceAsync("Rhône"))!.Kind);
        Assert.Equal(imports + 1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PlaceImport)));
    }

    [Fact]
    public async Task AFileWithBadRowsNamesThemByLineAndImportsNothing()
    {
        var admin = await SignedInAsync("pl_badcsv_admin", UserRole.Admin);
        await SaveAsync(admin, "Existing", "10", "10");
        var before = await CountAsync();
        var imports = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PlaceImport));
        var page = await ImportAsync(admin, """
            name,latitude,longitude,parent,kind
            Good One,45.1,4.1,,town
            Bad Latitude,north,4.1,,town
            Good Two,45.2,4.2,Good One,
            Bad Kind,45.3,4.3,,castle
            Orphan,45.4,4.4,Nowhere,
            Existing,10,10,,
            ,45.5,4.5,,
            """);
        Assert.Contains("Nothing was imported", page, StringComparison.Ordinal);
        foreach (var line in new[] { 3, 5, 6, 7, 8 })
        {
            Assert.Contains($"Line {line}:", page, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Line 2:", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Line 4:", page, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
        Assert.Null(await PlaceAsync("Good One"));
        Assert.Equal(imports, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PlaceImport)));

        Assert.Contains("The header needs the columns name, latitude and longitude.", await ImportAsync(admin, "name,latitude\nSomewhere,1"), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task AGeoNamesCitiesExtractIsImportedAsDownloaded()
    {
        var admin = await SignedInAsync("pl_geonames_admin", UserRole.Admin);
        // Two rows of GeoNames' cities500.txt layout: 19 tab-separated columns, no header.
        string Row(string id, string name, string lat, string lon, string code) =>
            string.Join('\t', id, name, name, "", lat, lon, "P", code, "CA", "", "10", "", "", "", "1000", "", "30", "America/Toronto", "2024-01-01");
        var text = Row("6169141", "Trois-Rivières", "46.35006", "-72.54912", "PPLA2") + "\n" + Row("5920450", "Cap-de-la-Madeleine", "46.36302", "-72.52163", "PPLX") + "\n";
        Assert.Contains("2 places were imported.", await ImportAsync(admin, text, "cities500.txt"), StringComparison.Ordinal);
        var cap = (await PlaceAsync("Cap-de-la-Madeleine"))!;
        Assert.Equal((46.36, -72.52, PlaceKind.Neighbourhood), (cap.Latitude, cap.Longitude, cap.Kind));
        Assert.Equal(PlaceKind.Town, (await PlaceAsync("Trois-Rivières"))!.Kind);
        Assert.Empty(app.Requests);
    }
}

public sealed class PlacesPageSqliteTests(PlacesSqliteApp app) : PlacesPageTests(app), IClassFixture<PlacesSqliteApp>;

public sealed class PlacesPagePostgresTests(PlacesPostgresApp app) : PlacesPageTests(app), IClassFixture<PlacesPostgresApp>;
