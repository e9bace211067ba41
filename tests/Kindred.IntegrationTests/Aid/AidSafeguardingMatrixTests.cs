using System.Net;
using Kindred.Core.Aid;
using Kindred.Core.Groups;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Aid;

/// <summary>
/// THE safeguarding matrix of mutual aid (ADR 27): every audience (public, members, group, vetted helpers) × the
/// sensitive flag × every kind of viewer (anonymous, a member outside the audience, a group member, a vetted helper, the
/// owner, a safeguarding lead, a moderator, and the accepted helper: someone who answered every item while they were a
/// vetted helper and a group member, was accepted, and has since lost both) × every read path. Each cell asserts both what must be seen and what must
/// not: zero leaks. Other read paths (answers, search, digests, notifications) add a case to <see cref="ReadPaths"/> and a
/// branch to <see cref="SeenOnAsync"/>.
/// </summary>
public abstract class AidSafeguardingMatrixTests(KindredApp app)
{
    public static readonly string[] Viewers = ["anonymous", "outsider", "groupmember", "vetted", "owner", "lead", "moderator", "helper"];

    /// <summary>Every allowed combination: a sensitive item is never public.</summary>
    public static readonly (string Audience, bool Sensitive)[] Cells =
        [("public", false), ("members", false), ("members", true), ("group", false), ("group", true), ("vetted_helpers", false), ("vetted_helpers", true)];

    public static TheoryData<string> ReadPaths => new() { "api-browse", "api-get", "web-browse", "web-item", "web-search", "api-search" };

    /// <summary>Search finds aid items for signed-in members only (ADR 31), and otherwise as the rule allows (ADR 87).</summary>
    public static bool MayFind(string path, string viewer, string audience) =>
        MaySee(viewer, audience) && !(path is "web-search" or "api-search" && viewer == "anonymous");

    public sealed record World(Dictionary<string, (long Id, string? Token, HttpClient Browser)> People, Dictionary<(string, bool), (string Id, string Title)> Items);

    /// <summary>
    /// What the rule says: owner and leads see everything; so does someone who answered the item (their conversation
    /// stays theirs, ADR 27), even after losing the vetted status or the group membership that let them answer;
    /// otherwise the audience, and sensitivity never widens it.
    /// </summary>
    public static bool MaySee(string viewer, string audience) => viewer switch
    {
        "owner" or "lead" or "helper" => true,
        "anonymous" => audience == "public",
        "groupmember" => audience is "public" or "members" or "group",
        "vetted" => audience is "public" or "members" or "vetted_helpers",
        _ => audience is "public" or "members",
    };

    public async Task<World> BuildAsync(string prefix)
    {
        var people = new Dictionary<string, (long, string?, HttpClient)> { ["anonymous"] = (0, null, app.Browser()) };
        foreach (var viewer in Viewers.Skip(1))
        {
            var user = await app.CreateUserAsync($"{prefix}_{viewer}", viewer == "moderator" ? UserRole.Moderator : UserRole.Member);
            var browser = app.Browser();
            await Web.Account.AccountFlowTests.SignInAsync(browser, user.UserName!, KindredApp.Password);
            people[viewer] = (user.Id, await app.TokenAsync(user.UserName!), browser);
        }
        var owner = people["owner"];
        await AidTestWorld.MakeVettedAsync(app, people["vetted"].Item1, people["lead"].Item1);
        await AidTestWorld.MakeLeadAsync(app, people["lead"].Item1);
        var group = await TestGroups.CreateAsync(app, prefix + "-group", GroupVisibility.Members, owner.Item1);
        await TestGroups.JoinAsync(app, group.Id, people["groupmember"].Item1);

        // The helper may answer everything for now: vetted by staff, in the group, and a member for a month (sensitive
        // requests are closed to new members).
        var helper = people["helper"];
        var staff = await app.CreateUserAsync(prefix + "_staff", UserRole.Staff);
        var grant = await app.WithServicesAsync(s => s.GetRequiredService<AidRoleService>()
            .GrantAsync(staff.Id, prefix + "_helper", DateOnly.FromDateTime(DateTime.UtcNow), "checked"));
        await TestGroups.JoinAsync(app, group.Id, helper.Item1);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == helper.Item1)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedAt, x => x.CreatedAt.AddDays(-30)).SetProperty(x => x.ApprovedAt, x => x.CreatedAt.AddDays(-30))));
        var items = new Dictionary<(string, bool), (string, string)>();
        foreach (var (audience, sensitive) in Cells)
        {
            var title = $"{prefix} {audience} {(sensitive ? "sensitive" : "plain")}";
            List<(string, string)> fields = [("audience", audience), ("sensitive", sensitive ? "true" : "false")];
            if (audience == "group")
            {
                fields.Add(("group_id", AidTestWorld.Id(group.Id)));
            }
            var id = await AidTestWorld.CreateItemAsync(app, owner.Item2!, title, [.. fields]);
            items[(audience, sensitive)] = (id, title);
            var answer = await AidTestWorld.SendAsync(app, helper.Item2, HttpMethod.Post, $"/api/v1/kindred/aid/{id}/responses", [("text", "I can help with this.")]);
            var accepted = await AidTestWorld.SendAsync(app, owner.Item2, HttpMethod.Post, $"/api/v1/kindred/aid/responses/{answer.GetProperty("id").GetString()}/accept");
            Assert.Equal("accepted", accepted.GetProperty("state").GetString());
        }

        // Then the helper loses what let them answer: the vetting is revoked and they leave the group.
        await app.WithServicesAsync(s => s.GetRequiredService<AidRoleService>().RevokeAsync(staff.Id, grant.Grant.Id, "moved away"));
        await app.WithServicesAsync(s => s.GetRequiredService<GroupService>().LeaveAsync(helper.Item1, group.Id));
        Assert.False(await app.WithDbAsync(db => db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id && m.AccountId == helper.Item1)));
        return new World(people, items);
    }

    private async Task<bool> SeenOnAsync(string path, World world, string viewer, string itemId, string title)
    {
        var (_, token, browser) = world.People[viewer];
        switch (path)
        {
            case "api-browse":
                var list = await AidTestWorld.SendAsync(app, token, HttpMethod.Get, "/api/v1/kindred/aid?limit=40");
                return list.EnumerateArray().Any(i => i.GetProperty("id").GetString() == itemId);
            case "api-get":
                var response = await app.Api(token).GetAsync($"/api/v1/kindred/aid/{itemId}");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{viewer} got {(int)response.StatusCode}");
                return response.StatusCode == HttpStatusCode.OK;
            case "web-browse":
                var page = await Html.GetAsync(browser, "/aid");
                return page.Contains(WebUtility.HtmlEncode(title), StringComparison.Ordinal);
            case "web-item":
                var item = await browser.GetAsync($"/aid/{itemId}");
                Assert.True(item.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{viewer} got {(int)item.StatusCode}");
                var body = await item.Content.ReadAsStringAsync();
                Assert.Equal(item.StatusCode == HttpStatusCode.OK, body.Contains(WebUtility.HtmlEncode(title), StringComparison.Ordinal));
                return item.StatusCode == HttpStatusCode.OK;
            case "web-search":
                var results = await Html.GetAsync(browser, "/search?type=aid&q=" + Uri.EscapeDataString(title.Split(' ')[0]));
                return results.Contains(WebUtility.HtmlEncode(title), StringComparison.Ordinal);
            case "api-search":
                var found = await KindredApp.Json(await app.Api(token).GetAsync("/api/v2/search?type=kindred_aid_items&limit=40&q=" + Uri.EscapeDataString(title.Split(' ')[0])), HttpStatusCode.OK);
                return found.GetProperty("kindred_aid_items").EnumerateArray().Any(i => i.GetProperty("id").GetString() == itemId);
            default:
                throw new ArgumentOutOfRangeException(nameof(path));
        }
    }

    [Theory]
    [MemberData(nameof(ReadPaths))]
    public async Task EachViewerSeesExactlyTheAidItemsTheirAudienceAllows(string path)
    {
        var world = await BuildAsync("am" + path.Replace("-", "", StringComparison.Ordinal)[..6]);
        var leaks = new List<string>();
        foreach (var viewer in Viewers)
        {
            foreach (var ((audience, sensitive), (id, title)) in world.Items)
            {
                var seen = await SeenOnAsync(path, world, viewer, id, title);
                if (seen != MayFind(path, viewer, audience))
                {
                    leaks.Add($"{path}: {viewer} {(seen ? "saw" : "did not see")} {audience}{(sensitive ? " sensitive" : "")}");
                }
            }
        }
        Assert.Empty(leaks);

        // Opening one item (API GET, item page) audits every non-owner view of a sensitive item, through that door only.
        if (path is "api-get" or "web-item")
        {
            var via = path == "api-get" ? "api" : "web";
            var views = await app.WithDbAsync(db => db.AidItemViews.AsNoTracking().ToListAsync());
            foreach (var ((audience, sensitive), (id, _)) in world.Items)
            {
                var itemId = AidTestWorld.Parse(id);
                foreach (var viewer in Viewers.Skip(1))
                {
                    var rows = views.Where(v => v.ItemId == itemId && v.ViewerId == world.People[viewer].Id).ToList();
                    var expected = sensitive && viewer != "owner" && MaySee(viewer, audience) ? 1 : 0;
                    Assert.True(rows.Count == expected, $"{viewer} on {audience}{(sensitive ? " sensitive" : "")}: {rows.Count} audit rows, expected {expected}");
                    Assert.All(rows, r => Assert.Equal(via, r.Via));
                }
            }
        }
    }
}

public sealed class AidSafeguardingMatrixSqliteTests(SqliteApp app) : AidSafeguardingMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class AidSafeguardingMatrixPostgresTests(PostgresApp app) : AidSafeguardingMatrixTests(app), IClassFixture<PostgresApp>;
