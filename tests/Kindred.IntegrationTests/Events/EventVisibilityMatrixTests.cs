using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Events;

/// <summary>
/// Who sees an event and its private details (ADR 28): event visibility (public, members, group) × viewer × read path
/// (the event, the upcoming list, the participations list). The address goes only to the organizer, the group's
/// moderators and people going; an event one may not see is a 404 (or absent from the list).
/// </summary>
public abstract class EventVisibilityMatrixTests(KindredApp app)
{
    private static readonly ConcurrentDictionary<KindredApp, Lazy<Task<World>>> Worlds = new();

    private sealed record World(Dictionary<string, string?> Tokens, Dictionary<string, string> Events);

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private Task<World> WorldAsync() => Worlds.GetOrAdd(app, a => new Lazy<Task<World>>(() => BuildAsync(a))).Value;

    private static async Task<World> BuildAsync(KindredApp app)
    {
        var tokens = new Dictionary<string, string?> { ["anonymous"] = null };
        var users = new Dictionary<string, User>();
        foreach (var who in new[] { "organizer", "member", "groupmember", "going", "waitlisted", "moderator", "blocked" })
        {
            users[who] = await app.CreateUserAsync("vm_" + who);
            tokens[who] = await app.TokenAsync("vm_" + who, "read write follow");
        }
        var group = await TestGroups.CreateAsync(app, "vm-group", GroupVisibility.Public, users["organizer"].Id);
        foreach (var who in new[] { "groupmember", "going", "waitlisted", "moderator", "blocked" })
        {
            await TestGroups.JoinAsync(app, group.Id, users[who].Id);
        }
        await app.WithDbAsync(db => db.GroupMemberships.Where(m => m.GroupId == group.Id && m.AccountId == users["moderator"].Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, GroupRole.Moderator)));
        var block = await app.Api(tokens["organizer"]).PostAsync($"/api/v1/accounts/{users["blocked"].Id}/block", null);
        Assert.Equal(HttpStatusCode.OK, block.StatusCode);
        var start = DateTime.UtcNow.Date.AddDays(10).AddHours(18);
        var events = new Dictionary<string, string>();
        foreach (var visibility in new[] { "public", "members", "group" })
        {
            var status = await KindredApp.Json(await app.Api(tokens["organizer"]).PostAsync("/api/v1/pleroma/events", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = "Matrix " + visibility,
                ["start_time"] = Iso(start),
                ["end_time"] = Iso(start.AddHours(2)),
                ["time_zone"] = "Europe/Paris",
                ["place_name"] = "The hall",
                ["address"] = "1 Private Road",
                ["capacity"] = "1",
                ["visibility"] = visibility,
                ["group_id"] = group.Id.ToString(CultureInfo.InvariantCulture),
            })), HttpStatusCode.OK);
            var id = status.GetProperty("pleroma").GetProperty("event").GetProperty("kindred").GetProperty("id").GetString()!;
            events[visibility] = id;
            await KindredApp.Json(await app.Api(tokens["going"]).PostAsync($"/api/v1/pleroma/events/{id}/join", null), HttpStatusCode.OK);
            var waiting = await KindredApp.Json(await app.Api(tokens["waitlisted"]).PostAsync($"/api/v1/pleroma/events/{id}/join", null), HttpStatusCode.OK);
            Assert.Equal("pending", waiting.GetProperty("pleroma").GetProperty("event").GetProperty("join_state").GetString());
        }
        return new World(tokens, events);
    }

    public static TheoryData<string, string, bool, bool, bool> Cases()
    {
        var data = new TheoryData<string, string, bool, bool, bool>();
        string[] groupMembers = ["groupmember", "going", "waitlisted", "organizer", "moderator"];
        foreach (var visibility in new[] { "public", "members", "group" })
        {
            foreach (var viewer in new[] { "anonymous", "member", "groupmember", "going", "waitlisted", "organizer", "moderator", "blocked" })
            {
                var sees = viewer != "blocked" && visibility switch
                {
                    "public" => true,
                    "members" => viewer != "anonymous",
                    _ => groupMembers.Contains(viewer),
                };
                var details = sees && viewer is "going" or "organizer" or "moderator";
                var manages = viewer is "organizer" or "moderator";
                data.Add(visibility, viewer, sees, details, manages);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachViewerSeesWhatTheRuleAllowsOnEveryReadPath(string visibility, string viewer, bool sees, bool details, bool manages)
    {
        var world = await WorldAsync();
        var id = world.Events[visibility];
        var client = app.Api(world.Tokens[viewer]);

        var one = await client.GetAsync($"/api/v1/kindred/events/{id}");
        if (!sees)
        {
            Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
        }
        else
        {
            var json = await KindredApp.Json(one, HttpStatusCode.OK);
            Assert.Equal(details ? "1 Private Road" : null, json.GetProperty("address").GetString());
            Assert.Equal(details, json.GetProperty("private_details").GetBoolean());
        }

        var list = await KindredApp.Json(await client.GetAsync("/api/v1/kindred/events?limit=40"), HttpStatusCode.OK);
        var listed = list.EnumerateArray().Where(e => e.GetProperty("id").GetString() == id).ToList();
        Assert.Equal(sees ? 1 : 0, listed.Count);
        if (sees)
        {
            Assert.Equal(details ? "1 Private Road" : null, listed[0].GetProperty("address").GetString());
            Assert.DoesNotContain("Private Road", listed[0].GetRawText().Replace("\"address\":\"1 Private Road\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        var participations = await client.GetAsync($"/api/v1/pleroma/events/{id}/participations");
        var expected = viewer == "anonymous" ? HttpStatusCode.Unauthorized : !sees ? HttpStatusCode.NotFound : manages ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.Equal(expected, participations.StatusCode);
        if (manages)
        {
            var accounts = await KindredApp.Json(participations, HttpStatusCode.OK);
            Assert.Equal("vm_going", Assert.Single(accounts.EnumerateArray()).GetProperty("username").GetString());
        }
        else
        {
            Assert.DoesNotContain("Private Road", await participations.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}

public sealed class EventVisibilityMatrixSqliteTests(SqliteApp app) : EventVisibilityMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class EventVisibilityMatrixPostgresTests(PostgresApp app) : EventVisibilityMatrixTests(app), IClassFixture<PostgresApp>;
