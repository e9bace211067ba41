using System.Net;
using Kindred.Core.Relationships;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Pages;

/// <summary>The signed-in home page shows members with few connections people they may know (with reasons and a follow
/// button that works without JavaScript) and members in few groups groups they might like.</summary>
public abstract class HomeSuggestionsTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    [Fact]
    public async Task ANewMemberSeesPeopleTheyMayKnowAndWhyButNothingTheyHide()
    {
        var viewer = await app.CreateUserAsync("hs_viewer");
        await app.SetInterestsAsync(viewer.Id, ["Apiculture"]);
        await app.SetHomeAsync(viewer.Id, 48.86, 2.35, "Marais");
        var keeper = await app.CreateUserAsync("hs_keeper");
        await app.SetInterestsAsync(keeper.Id, ["Apiculture", "Vélo"]);
        var neighbour = await app.CreateUserAsync("hs_neighbour");
        await app.SetHomeAsync(neighbour.Id, 48.87, 2.36, "Riverside");
        var hiddenArea = await app.CreateUserAsync("hs_hidden_area");
        await app.SetHomeAsync(hiddenArea.Id, 48.86, 2.36, "Secretville", ProfileVisibility.OnlyMe);
        var hiddenTags = await app.CreateUserAsync("hs_hidden_tags");
        await app.SetInterestsAsync(hiddenTags.Id, ["Apiculture"], ProfileVisibility.OnlyMe);
        var groupmate = await app.CreateUserAsync("hs_groupmate");
        foreach (var slug in new[] { "hs-one", "hs-two" })
        {
            var group = await app.AddGroupAsync(slug, groupmate.Id);
            await app.JoinAsync(group.Id, viewer.Id);
        }

        var browser = await SignedInAsync("hs_viewer");
        var home = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/"));
        Assert.Contains("People you may know", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/@hs_keeper\"", home, StringComparison.Ordinal);
        Assert.Contains("also into Apiculture", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/@hs_neighbour\"", home, StringComparison.Ordinal);
        Assert.Contains("near Riverside", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/@hs_groupmate\"", home, StringComparison.Ordinal);
        Assert.Contains("2 shared groups", home, StringComparison.Ordinal);
        // A hidden area or hidden interests are neither shown nor used: those members are not suggested at all.
        Assert.DoesNotContain("hs_hidden_area", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretville", home, StringComparison.Ordinal);
        Assert.DoesNotContain("hs_hidden_tags", home, StringComparison.Ordinal);

        // The follow button posts the profile page's relationship form: no script needed.
        var followed = await Html.PostFormAsync(browser, "/", "relationship", new Dictionary<string, string> { ["Act"] = "follow" }, postUrl: "/@hs_keeper");
        var answer = WebUtility.HtmlDecode(await followed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Contains("You now follow hs_keeper.", answer, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Follows.AnyAsync(f => f.AccountId == viewer.Id && f.TargetAccountId == keeper.Id)));
        Assert.DoesNotContain("href=\"/@hs_keeper\"", await Html.GetAsync(browser, "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersWithManyConnectionsAreNotShownPeopleSuggestions()
    {
        var viewer = await app.CreateUserAsync("hs_busy");
        await app.SetInterestsAsync(viewer.Id, ["Escalade"]);
        var climber = await app.CreateUserAsync("hs_climber");
        await app.SetInterestsAsync(climber.Id, ["Escalade"]);
        await app.WithServicesAsync(async s =>
        {
            var relationships = s.GetRequiredService<RelationshipService>();
            for (var i = 0; i < AccountSuggestions.FewConnections; i++)
            {
                var friend = await app.CreateUserAsync($"hs_busy_friend{i}");
                await relationships.FollowAsync(viewer.Id, friend.Id);
            }
            return true;
        });

        var home = await Html.GetAsync(await SignedInAsync("hs_busy"), "/");
        Assert.DoesNotContain("People you may know", home, StringComparison.Ordinal);
        Assert.DoesNotContain("hs_climber", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemberInFewGroupsIsShownGroupsMatchingTheirInterestsAndArea()
    {
        var owner = await app.CreateUserAsync("hs_group_owner");
        var viewer = await app.CreateUserAsync("hs_knitter");
        await app.SetInterestsAsync(viewer.Id, ["Tricot"]);
        await app.SetHomeAsync(viewer.Id, 45.76, 4.84);
        await app.AddGroupAsync("hs-tricot", owner.Id, tags: ["Tricot"], name: "Tricot du jeudi", lastStatusAt: DateTime.UtcNow.AddYears(-1));
        await app.AddGroupAsync("hs-lyon", owner.Id, kind: GroupKind.Place, lat: 45.77, lon: 4.83, name: "Voisins de la Croix-Rousse", lastStatusAt: DateTime.UtcNow.AddYears(-1));
        var joined = await app.AddGroupAsync("hs-joined", owner.Id, tags: ["Tricot"]);
        await app.JoinAsync(joined.Id, viewer.Id);
        await app.AddGroupAsync("hs-invite", owner.Id, tags: ["Tricot"], joinPolicy: GroupJoinPolicy.InviteOnly);
        await app.AddGroupAsync("hs-secret", owner.Id, GroupVisibility.Secret, tags: ["Tricot"]);

        var home = WebUtility.HtmlDecode(await Html.GetAsync(await SignedInAsync("hs_knitter"), "/"));
        Assert.Contains("Groups you might like", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/groups/hs-tricot\"", home, StringComparison.Ordinal);
        Assert.Contains("Shares your interests: Tricot", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/groups/hs-lyon\"", home, StringComparison.Ordinal);
        Assert.Contains("about 1 km away", home, StringComparison.Ordinal);
        Assert.DoesNotContain("hs-joined", home, StringComparison.Ordinal);
        Assert.DoesNotContain("hs-invite", home, StringComparison.Ordinal);
        Assert.DoesNotContain("hs-secret", home, StringComparison.Ordinal);
    }
}

public sealed class HomeSuggestionsSqliteTests(SqliteApp app) : HomeSuggestionsTests(app), IClassFixture<SqliteApp>;

public sealed class HomeSuggestionsPostgresTests(PostgresApp app) : HomeSuggestionsTests(app), IClassFixture<PostgresApp>;
