using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Common;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Shared;

/// <summary>
/// The viewer's own zone rides in the sign-in cookie (ADR 84): a signed-in page asks the database nothing for it, and a
/// zone chosen on the preferences page is written into the cookie at once. (A class of its own: the demo community the
/// time tests read goes only into an empty server.)
/// </summary>
public abstract partial class ViewerZoneClaimTests(KindredApp app)
{
    [Fact]
    public async Task AZoneChosenOnThePreferencesPageRidesInTheSignInCookieSoAPageAsksTheDatabaseNothingForIt()
    {
        var rider = await app.CreateUserAsync("tz_rider");
        var member = app.Browser();
        await global::Kindred.IntegrationTests.Web.Account.AccountFlowTests.SignInAsync(member, "tz_rider", KindredApp.Password);
        var fields = new Dictionary<string, string>
        {
            ["Input.Visibility"] = "unlisted",
            ["Input.Language"] = "",
            ["Input.ExpandMedia"] = "Default",
            ["Input.TimeZone"] = "Asia/Tokyo",
        };
        var saved = await Html.PostFormAsync(member, "/settings/preferences", "preferences", fields);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Asia/Tokyo", await app.WithDbAsync(db => db.Users.Where(u => u.Id == rider.Id).Select(u => u.TimeZone).SingleAsync()));

        var token = await app.TokenAsync("tz_rider");
        var post = await app.PostStatusAsync(token, "Coffee at ten", "public");
        var id = post.GetProperty("id").GetString();
        var createdAt = await app.WithDbAsync(db => db.Statuses.Where(x => x.Id == long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture)).Select(x => x.CreatedAt).SingleAsync());
        var organizationZone = await app.WithDbAsync(db => db.Organizations.Select(o => o.TimeZone).FirstOrDefaultAsync());

        List<string> statements;
        string page;
        using (var log = new SqlCommandLog(app))
        {
            page = await Html.GetAsync(member, $"/@tz_rider/{id}");
            statements = [.. log.Statements];
        }
        var tokyo = new TimeFormat(TimeZones.Find("Asia/Tokyo"), TimeCultures.For("en", organizationZone));
        Assert.Contains(WebUtility.HtmlEncode(tokyo.Exact(createdAt)), page, StringComparison.Ordinal);
        Assert.DoesNotContain(statements, s => ZoneAlone().IsMatch(s));
    }

    // ViewerTimes' old per-page query: the member's zone and nothing else, from the users table.
    [GeneratedRegex(@"SELECT\s+\S+""TimeZone""\s+FROM\s+""(AspNet)?Users""", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneAlone();
}

public sealed class ViewerZoneClaimSqliteTests(SqliteApp app) : ViewerZoneClaimTests(app), IClassFixture<SqliteApp>;

public sealed class ViewerZoneClaimPostgresTests(PostgresApp app) : ViewerZoneClaimTests(app), IClassFixture<PostgresApp>;
