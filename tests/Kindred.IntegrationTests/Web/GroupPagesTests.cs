using System.Globalization;
using System.Net;
using Kindred.Core.Groups;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web;

/// <summary>The group pages and the join flows, posted like a browser without JavaScript.</summary>
public abstract class GroupPagesTests(KindredApp app)
{
    private int nextAddress;

    internal async Task<HttpClient> SignedInAsync(string username)
    {
        // Each member signs in from their own address, so the sign-in rate limit never counts them together.
        var browser = app.Browser($"10.77.{Interlocked.Increment(ref nextAddress) / 250}.{nextAddress % 250 + 1}");
        await AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    internal Task<T> Service<T>(Func<GroupService, Task<T>> action) => app.WithServicesAsync(s => action(s.GetRequiredService<GroupService>()));

    internal Task<Group> CreateAsync(long owner, string name, GroupVisibility visibility = GroupVisibility.Public, GroupJoinPolicy policy = GroupJoinPolicy.Open, string rules = "", IReadOnlyList<string>? questions = null) =>
        Service(s => s.CreateAsync(owner, new GroupInput { Name = name, Description = "We grow vegetables together.", Visibility = visibility, JoinPolicy = policy, Rules = rules, Questions = questions }));

    internal Task<GroupRelationship> RelationshipAsync(long groupId, long accountId) =>
        app.WithDbAsync(async db => (await GroupQueries.RelationshipsAsync(db, accountId, [groupId], default))[0]);

    internal static async Task<string> PostAsync(HttpClient browser, string url, string form, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK, string? postUrl = null)
    {
        var response = await Html.PostFormAsync(browser, url, form, fields, postUrl);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {Html.Snippet(body)}");
        return expected == HttpStatusCode.Redirect ? Html.Location(response) : body;
    }

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task JoiningAnOpenGroupNeedsTheRulesAcceptedAndMembersCanLeave()
    {
        var owner = await app.CreateUserAsync("wg_open_owner");
        var joiner = await app.CreateUserAsync("wg_open_joiner");
        var group = await CreateAsync(owner.Id, "Riverside Growers", rules: "Be kind to **beginners**.");
        var path = "/groups/" + group.Slug;

        var anonymous = await Html.GetAsync(app.Browser(), path);
        Assert.Contains("Riverside Growers", anonymous, StringComparison.Ordinal);
        Assert.Contains("We grow vegetables together.", anonymous, StringComparison.Ordinal);
        Assert.Contains("Sign in to join this group", anonymous, StringComparison.Ordinal);
        Assert.Equal("/account/sign-in", Html.Location(await app.Browser().GetAsync(path + "/join")).Split('?')[0]);

        var browser = await SignedInAsync("wg_open_joiner");
        Assert.Contains($"href=\"{path}/join\"", await Html.GetAsync(browser, path), StringComparison.Ordinal);
        var join = await Html.GetAsync(browser, path + "/join");
        Assert.Contains("<strong>beginners</strong>", join, StringComparison.Ordinal);
        Assert.Contains("I accept the rules of the group", join, StringComparison.Ordinal);

        var refused = await PostAsync(browser, path + "/join", "group-join", new() { ["Input.AcceptRules"] = "false" });
        Assert.Contains("id=\"join-accept-error\"", refused, StringComparison.Ordinal);
        Assert.False((await RelationshipAsync(group.Id, joiner.Id)).Member);

        Assert.Equal(path, await PostAsync(browser, path + "/join", "group-join", new() { ["Input.AcceptRules"] = "true" }, HttpStatusCode.Redirect));
        Assert.Equal(GroupRole.Member, (await RelationshipAsync(group.Id, joiner.Id)).Role);
        var page = await Html.GetAsync(browser, path);
        Assert.Contains("Leave this group", page, StringComparison.Ordinal);
        Assert.Contains("2 members", page, StringComparison.Ordinal);

        var left = await PostAsync(browser, path, "group-leave", new() { ["Leave"] = "yes" });
        Assert.Contains("You have left the group.", left, StringComparison.Ordinal);
        Assert.False((await RelationshipAsync(group.Id, joiner.Id)).Member);

        // The owner is told to hand the group over first, and a forged "leave" changes nothing.
        var ownerBrowser = await SignedInAsync("wg_open_owner");
        var ownerPage = await Html.GetAsync(ownerBrowser, path);
        Assert.Contains("To leave it, first transfer ownership", ownerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Leave this group", ownerPage, StringComparison.Ordinal);
        Assert.Equal(GroupRole.Owner, (await RelationshipAsync(group.Id, owner.Id)).Role);
    }
}

public sealed class GroupPagesSqliteTests(SqliteApp app) : GroupPagesTests(app), IClassFixture<SqliteApp>;

public sealed class GroupPagesPostgresTests(PostgresApp app) : GroupPagesTests(app), IClassFixture<PostgresApp>;
