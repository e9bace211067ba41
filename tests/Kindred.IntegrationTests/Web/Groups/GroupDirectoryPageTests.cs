using System.Net;
using System.Text.RegularExpressions;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Web.Groups;

/// <summary>The group directory at /groups: a GET form that works without JavaScript, who sees which groups, filters,
/// distance from the member's home area, paging, bad input, French.</summary>
public abstract partial class GroupDirectoryPageTests(KindredApp app)
{
    // Card titles link to /groups/{slug}; tag links carry a query string, so they do not match.
    [GeneratedRegex("<h2 id=\"group-\\d+\"><a href=\"/groups/([^\"?]+)\"")]
    private static partial Regex CardSlug();

    private static List<string> Slugs(string page) => CardSlug().Matches(page).Select(m => m.Groups[1].Value).ToList();

    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    [Fact]
    public async Task TheFilterFormIsAPlainGetFormWithLabelledFields()
    {
        var page = await Html.GetAsync(app.Browser(), "/groups");
        Assert.Contains("<form method=\"get\" action=\"/groups\"", page, StringComparison.Ordinal);
        foreach (var id in new[] { "groups-q", "groups-tag", "groups-kind", "groups-sort" })
        {
            Assert.Contains($"<label for=\"{id}\"", page, StringComparison.Ordinal);
        }
        // Anonymous visitors have no home area: they are told to sign in instead of being offered "near me".
        Assert.DoesNotContain("id=\"groups-near\"", page, StringComparison.Ordinal);
        Assert.Contains("Sign in to find groups near your home area.", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/groups\"", await Html.GetAsync(app.Browser(), "/community"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoSeesWhichGroupFollowsTheGroupsVisibility()
    {
        var owner = await app.CreateUserAsync("gdp_owner");
        var member = await app.CreateUserAsync("gdp_member");
        var banned = await app.CreateUserAsync("gdp_banned");
        await app.CreateUserAsync("gdp_outsider");
        await app.AddGroupAsync("gdp-public-ortie", owner.Id, GroupVisibility.Public);
        await app.AddGroupAsync("gdp-members-ortie", owner.Id, GroupVisibility.Members);
        var secret = await app.AddGroupAsync("gdp-secret-ortie", owner.Id, GroupVisibility.Secret);
        await app.JoinAsync(secret.Id, member.Id);
        await app.JoinAsync(secret.Id, banned.Id);
        await app.BanAsync(secret.Id, banned.Id);
        var members = await app.AddGroupAsync("gdp-members2-ortie", owner.Id, GroupVisibility.Members);
        await app.BanAsync(members.Id, banned.Id);

        const string Url = "/groups?q=ortie&sort=activity";
        Assert.Equal(["gdp-public-ortie"], Slugs(await Html.GetAsync(app.Browser(), Url)));
        Assert.Equal(["gdp-members2-ortie", "gdp-members-ortie", "gdp-public-ortie"], Slugs(await Html.GetAsync(await SignedInAsync("gdp_outsider"), Url)));
        Assert.Equal(["gdp-members2-ortie", "gdp-secret-ortie", "gdp-members-ortie", "gdp-public-ortie"], Slugs(await Html.GetAsync(await SignedInAsync("gdp_member"), Url)));
        // Banned from the secret group: it is gone, as for anyone outside it. A members-only group stays listed to every member.
        var bannedPage = await Html.GetAsync(await SignedInAsync("gdp_banned"), Url);
        Assert.Equal(["gdp-members2-ortie", "gdp-members-ortie", "gdp-public-ortie"], Slugs(bannedPage));
        Assert.DoesNotContain("secret", bannedPage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FiltersByInterestKindAndWordsWhateverTheAccents()
    {
        var owner = await app.CreateUserAsync("gdp_filters");
        await app.AddGroupAsync("gdp-potagers", owner.Id, kind: GroupKind.Both, tags: ["Jardinage", "Potagers"], name: "Potagers de Belleville", description: "On partage des graines.");
        await app.AddGroupAsync("gdp-jardins", owner.Id, kind: GroupKind.Interest, tags: ["Jardinage"], name: "Jardins et graines", description: "Échanges de boutures.");
        await app.AddGroupAsync("gdp-creche", owner.Id, kind: GroupKind.Place, tags: ["Garde d'enfants"], name: "Crèche parentale");

        Assert.Equal(["gdp-jardins", "gdp-potagers"], Slugs(await Html.GetAsync(app.Browser(), "/groups?tag=jardinage")).Order().ToList());
        Assert.Equal(["gdp-potagers"], Slugs(await Html.GetAsync(app.Browser(), "/groups?tag=jardinage&kind=place")));
        Assert.Equal(["gdp-jardins"], Slugs(await Html.GetAsync(app.Browser(), "/groups?tag=%23Jardinage&kind=interest&q=ECHANGES+boutures")));
        Assert.Equal(["gdp-creche"], Slugs(await Html.GetAsync(app.Browser(), "/groups?q=creche+parentale")));
        // A name match ranks above a description match.
        Assert.Equal(["gdp-jardins", "gdp-potagers"], Slugs(await Html.GetAsync(app.Browser(), "/groups?tag=jardinage&q=graines")));
        var empty = await Html.GetAsync(app.Browser(), "/groups?q=introuvablezzz");
        Assert.Empty(Slugs(empty));
        Assert.Contains("No groups match.", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NearMeListsGroupsWithinTheRadiusNearestFirstWithTheirDistance()
    {
        var owner = await app.CreateUserAsync("gdp_geo_owner");
        var parisian = await app.CreateUserAsync("gdp_parisian");
        await app.SetHomeAsync(parisian.Id, 48.86, 2.35, "Paris 4e");
        string[] tag = ["gdpgeo"];
        await app.AddGroupAsync("gdp-montmartre", owner.Id, kind: GroupKind.Place, lat: 48.89, lon: 2.34, tags: tag);
        await app.AddGroupAsync("gdp-versailles", owner.Id, kind: GroupKind.Place, lat: 48.80, lon: 2.12, tags: tag);
        await app.AddGroupAsync("gdp-chartres", owner.Id, kind: GroupKind.Place, lat: 48.44, lon: 1.49, tags: tag);
        await app.AddGroupAsync("gdp-lyon", owner.Id, kind: GroupKind.Place, lat: 45.76, lon: 4.84, tags: tag);
        await app.AddGroupAsync("gdp-nowhere", owner.Id, kind: GroupKind.Interest, tags: tag);
        var browser = await SignedInAsync("gdp_parisian");

        Assert.Equal(["gdp-montmartre"], Slugs(await Html.GetAsync(browser, "/groups?tag=gdpgeo&near=me&radius=5&sort=distance")));
        Assert.Equal(["gdp-montmartre", "gdp-versailles"], Slugs(await Html.GetAsync(browser, "/groups?tag=gdpgeo&near=me&radius=25&sort=distance")));
        var hundred = await Html.GetAsync(browser, "/groups?tag=gdpgeo&near=me&radius=100&sort=distance");
        Assert.Equal(["gdp-montmartre", "gdp-versailles", "gdp-chartres"], Slugs(hundred));
        Assert.Contains("about 3 km away", hundred, StringComparison.Ordinal);
        Assert.Contains("about 18 km away", hundred, StringComparison.Ordinal);
        Assert.Contains("about 79 km away", hundred, StringComparison.Ordinal);
        Assert.Contains("checked", Regex.Match(hundred, "<input type=\"checkbox\" id=\"groups-near\"[^>]*>").Value, StringComparison.Ordinal);
        // Without "near me" every group is listed, with no distance.
        var all = await Html.GetAsync(browser, "/groups?tag=gdpgeo");
        Assert.Equal(5, Slugs(all).Count);
        Assert.DoesNotContain("km away", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGroupWhoseOwnRadiusReachesTheMemberIsNearThem()
    {
        var owner = await app.CreateUserAsync("gdp_reach_owner");
        var member = await app.CreateUserAsync("gdp_reach_member");
        await app.SetHomeAsync(member.Id, 48.86, 2.35);
        await app.AddGroupAsync("gdp-idf", owner.Id, kind: GroupKind.Place, lat: 48.44, lon: 1.49, radiusKm: 100, tags: ["gdpreach"]);
        await app.AddGroupAsync("gdp-small", owner.Id, kind: GroupKind.Place, lat: 48.80, lon: 2.12, radiusKm: 10, tags: ["gdpreach"]);

        Assert.Equal(["gdp-idf"], Slugs(await Html.GetAsync(await SignedInAsync("gdp_reach_member"), "/groups?tag=gdpreach&near=me&radius=5")));
    }

    [Fact]
    public async Task NearMeWithoutAHomeAreaSaysWhatToDo()
    {
        await app.CreateUserAsync("gdp_nohome");
        var page = await Html.GetAsync(await SignedInAsync("gdp_nohome"), "/groups?near=me&radius=25");
        Assert.Contains("Add a home area to your profile to find groups near you.", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/settings/profile\"", page, StringComparison.Ordinal);
        Assert.Empty(Slugs(page));
    }

    [Fact]
    public async Task BadInputShowsAClearErrorAndNoResults()
    {
        var owner = await app.CreateUserAsync("gdp_bad_owner");
        var member = await app.CreateUserAsync("gdp_bad_member");
        await app.SetHomeAsync(member.Id, 48.86, 2.35);
        await app.AddGroupAsync("gdp-bad", owner.Id, tags: ["gdpbad"]);
        var browser = await SignedInAsync("gdp_bad_member");

        var radius = await Html.GetAsync(browser, "/groups?tag=gdpbad&near=me&radius=9999");
        Assert.Contains("Choose a distance between 1 and 500 km.", radius, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", radius, StringComparison.Ordinal);
        Assert.Empty(Slugs(radius));

        var longText = await Html.GetAsync(app.Browser(), "/groups?q=" + new string('a', 201));
        Assert.Contains("Use at most 200 characters and 10 words.", longText, StringComparison.Ordinal);
        Assert.Empty(Slugs(longText));

        var badTag = await Html.GetAsync(app.Browser(), "/groups?tag=%23%23%23");
        Assert.Contains("Enter one interest made of letters or digits.", badTag, StringComparison.Ordinal);

        var deep = await Html.GetAsync(app.Browser(), "/groups?page=99999");
        Assert.Contains("That page does not exist.", deep, StringComparison.Ordinal);
        // Unknown kinds and sorts fall back to the defaults instead of failing.
        Assert.Equal(["gdp-bad"], Slugs(await Html.GetAsync(app.Browser(), "/groups?tag=gdpbad&kind=planet&sort=random")));
    }

    [Fact]
    public async Task ResultsArePagedWithLinksThatKeepTheFilters()
    {
        var owner = await app.CreateUserAsync("gdp_pager");
        for (var i = 0; i < 23; i++)
        {
            await app.AddGroupAsync($"gdp-page-{i:00}", owner.Id, tags: ["gdppage"], lastStatusAt: DateTime.UtcNow.AddHours(-i));
        }

        var first = await Html.GetAsync(app.Browser(), "/groups?tag=gdppage&sort=activity");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"gdp-page-{i:00}"), Slugs(first));
        Assert.Contains("href=\"/groups?tag=gdppage&amp;sort=activity&amp;page=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);

        var second = await Html.GetAsync(app.Browser(), "/groups?tag=gdppage&sort=activity&page=2");
        Assert.Equal(["gdp-page-20", "gdp-page-21", "gdp-page-22"], Slugs(second));
        Assert.Contains("href=\"/groups?tag=gdppage&amp;sort=activity\" rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageSpeaksFrench()
    {
        var page = WebUtility.HtmlDecode(await Html.GetAsync(app.Browser(), "/groups?q=introuvablezzz&culture=fr"));
        Assert.Contains("Trouver des groupes", page, StringComparison.Ordinal);
        Assert.Contains("Aucun groupe ne correspond.", page, StringComparison.Ordinal);
        Assert.Contains("Connectez-vous pour trouver des groupes près de chez vous.", page, StringComparison.Ordinal);
    }
}

public sealed class GroupDirectoryPageSqliteTests(SqliteApp app) : GroupDirectoryPageTests(app), IClassFixture<SqliteApp>;

public sealed class GroupDirectoryPagePostgresTests(PostgresApp app) : GroupDirectoryPageTests(app), IClassFixture<PostgresApp>;
