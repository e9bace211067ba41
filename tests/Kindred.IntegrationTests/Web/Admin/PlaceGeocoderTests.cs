using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Admin;

/// <summary>The optional geocoder (ADR 88), switched on by configuration: an admin who leaves a new place's centre empty
/// gets it from the geocoder, asked with the place's name only; a member choosing a place never reaches it.</summary>
public abstract class PlaceGeocoderTests(PlacesApp app)
{
    [Fact]
    public async Task WhenConfiguredTheGeocoderFillsANewPlacesCentreForAdminsOnly()
    {
        await app.CreateUserAsync("pg_admin", UserRole.Admin);
        var admin = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(admin, "pg_admin", KindredApp.Password);
        Assert.Contains("geocoder the server is configured with", await Html.GetAsync(admin, "/admin/places"), StringComparison.Ordinal);

        Assert.Contains("The place Verdun was added.", await PlacesPageTests.SaveAsync(admin, "Verdun", null, null), StringComparison.Ordinal);
        var verdun = await app.WithDbAsync(db => db.Places.AsNoTracking().SingleAsync(p => p.Name == "Verdun"));
        Assert.Equal((45.46, -73.57), (verdun.Latitude, verdun.Longitude));
        var asked = Assert.Single(app.Requests);
        Assert.Equal("127.0.0.1", asked.Host);
        Assert.Contains("q=Verdun", asked.Query, StringComparison.Ordinal);

        // Typed coordinates win, and members picking the place send nothing anywhere.
        await PlacesPageTests.SaveAsync(admin, "Plateau", "45.52", "-73.58");
        await app.CreateUserAsync("pg_member");
        var member = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(member, "pg_member", KindredApp.Password);
        await Html.PostFormAsync(member, "/settings/profile", "profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Member",
            ["Input.Locale"] = "en",
            ["Input.AreaName"] = "Plateau",
        });
        Assert.Single(app.Requests);
    }
}

public sealed class PlaceGeocoderSqliteTests(GeocoderSqliteApp app) : PlaceGeocoderTests(app), IClassFixture<GeocoderSqliteApp>;

public sealed class PlaceGeocoderPostgresTests(GeocoderPostgresApp app) : PlaceGeocoderTests(app), IClassFixture<GeocoderPostgresApp>;
