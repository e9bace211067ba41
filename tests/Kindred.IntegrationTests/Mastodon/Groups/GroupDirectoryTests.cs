using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Mastodon.Groups;

/// <summary>GET /api/v1/groups/search and GET /api/v1/truth/suggestions/groups: the directory through the API, with
/// real coordinates whose answers must be the same, in the same order, on SQLite and PostgreSQL.</summary>
public abstract class GroupDirectoryTests(KindredApp app)
{
    private static async Task<JsonElement> GetAsync(HttpClient client, string url) =>
        await KindredApp.Json(await client.GetAsync(url), HttpStatusCode.OK);

    private static List<string> Slugs(JsonElement groups) =>
        groups.EnumerateArray().Select(g => g.GetProperty("slug").GetString()!).ToList();

    private async Task<List<string>> SearchAsync(string query, string? token = null) =>
        Slugs(await GetAsync(app.Api(token), "/api/v1/groups/search?" + query));

    [Fact]
    public async Task DistanceQueriesWithKnownCoordinatesGiveTheseGroupsInThisOrder()
    {
        var owner = await app.CreateUserAsync("gd_geo");
        async Task PlaceAsync(string slug, double lat, double lon, int? radiusKm = null) =>
            await app.AddGroupAsync(slug, owner.Id, kind: GroupKind.Place, lat: lat, lon: lon, radiusKm: radiusKm, tags: ["gdgeo"]);
        await PlaceAsync("gd-croydon", 51.37, -0.10);      // 15.7 km from central London
        await PlaceAsync("gd-watford", 51.66, -0.40);      // 25.0 km
        await PlaceAsync("gd-brighton", 50.82, -0.14);     // 76.7 km
        await PlaceAsync("gd-montmartre", 48.89, 2.34);    // 3.4 km from central Paris, 340 km from London
        await PlaceAsync("gd-versailles", 48.80, 2.12);    // 18.1 km from Paris
        await PlaceAsync("gd-chartres", 48.44, 1.49);      // 78.6 km from Paris
        await PlaceAsync("gd-lyon", 45.76, 4.84);          // 392 km from Paris
        await PlaceAsync("gd-kent", 51.20, 0.70, radiusKm: 80); // 67 km from London, but reaches 80 km around itself

        const string London = "tag=gdgeo&sort=distance&near=51.51,-0.13";
        // Kent is 67 km away but reaches 80 km around itself, so it is near at any search radius.
        Assert.Equal(["gd-croydon", "gd-kent"], await SearchAsync(London + "&radius=20"));
        // Watford is 25.02 km away: just outside 25 km, on both databases.
        Assert.Equal(["gd-croydon", "gd-kent"], await SearchAsync(London + "&radius=25"));
        Assert.Equal(["gd-croydon", "gd-watford", "gd-kent"], await SearchAsync(London + "&radius=30"));
        Assert.Equal(["gd-croydon", "gd-watford", "gd-kent", "gd-brighton"], await SearchAsync(London + "&radius=100"));
        Assert.Equal(["gd-croydon", "gd-watford", "gd-kent", "gd-brighton", "gd-montmartre", "gd-versailles", "gd-chartres"], await SearchAsync(London + "&radius=500"));

        const string Paris = "tag=gdgeo&sort=distance&near=48.86,2.35";
        Assert.Equal(["gd-montmartre", "gd-versailles"], await SearchAsync(Paris + "&radius=25"));
        Assert.Equal(["gd-montmartre", "gd-versailles", "gd-chartres"], await SearchAsync(Paris + "&radius=100"));
        Assert.Equal(["gd-montmartre", "gd-versailles", "gd-chartres", "gd-brighton", "gd-kent", "gd-croydon", "gd-watford", "gd-lyon"], await SearchAsync(Paris + "&radius=500"));
        // Relevance ranks closer groups higher too (nothing else tells these apart).
        Assert.Equal(["gd-montmartre", "gd-versailles", "gd-chartres"], await SearchAsync("tag=gdgeo&near=48.86,2.35&radius=100"));

        // "near me" measures from the member's home area, the same way.
        var member = await app.CreateUserAsync("gd_geo_member");
        await app.SetHomeAsync(member.Id, 48.86, 2.35);
        Assert.Equal(["gd-montmartre", "gd-versailles", "gd-chartres"], await SearchAsync("tag=gdgeo&sort=distance&near=me&radius=100", await app.TokenAsync("gd_geo_member", "read")));
    }

    [Fact]
    public async Task TheAntimeridianAndThePolesAreNoEdgeOfTheWorld()
    {
        var owner = await app.CreateUserAsync("gd_edges");
        await app.AddGroupAsync("gd-fiji-east", owner.Id, kind: GroupKind.Place, lat: -17.80, lon: -179.90, tags: ["gdedge"]);
        await app.AddGroupAsync("gd-fiji-west", owner.Id, kind: GroupKind.Place, lat: -17.80, lon: 179.00, tags: ["gdedge"]);
        await app.AddGroupAsync("gd-greenwich", owner.Id, kind: GroupKind.Place, lat: -17.80, lon: 0, tags: ["gdedge"]);
        await app.AddGroupAsync("gd-pole", owner.Id, kind: GroupKind.Place, lat: 89.95, lon: 179.00, tags: ["gdedge"]);
        await app.AddGroupAsync("gd-arctic", owner.Id, kind: GroupKind.Place, lat: 89.00, lon: 0, tags: ["gdedge"]);

        Assert.Equal(["gd-fiji-east"], await SearchAsync("tag=gdedge&sort=distance&near=-17.8,179.9&radius=50"));
        Assert.Equal(["gd-fiji-east", "gd-fiji-west"], await SearchAsync("tag=gdedge&sort=distance&near=-17.8,179.9&radius=100"));
        Assert.Equal(["gd-fiji-east", "gd-fiji-west"], await SearchAsync("tag=gdedge&sort=distance&near=-17.8,-179.5&radius=200"));
        Assert.Equal(["gd-pole"], await SearchAsync("tag=gdedge&sort=distance&near=89.9,0&radius=50"));
        Assert.Equal(["gd-pole", "gd-arctic"], await SearchAsync("tag=gdedge&sort=distance&near=89.9,-90&radius=150"));
    }

    [Fact]
    public async Task ResultsAreGroupsInTheGroupsApisShapeFilteredByTagAndKind()
    {
        var owner = await app.CreateUserAsync("gd_shape");
        await app.AddGroupAsync("gd-choir", owner.Id, kind: GroupKind.Interest, tags: ["Chorale", "Musique"], name: "Chorale du quartier", description: "On chante le mardi.");
        await app.AddGroupAsync("gd-band", owner.Id, kind: GroupKind.Both, tags: ["Musique"], name: "Fanfare");
        await app.AddGroupAsync("gd-street", owner.Id, kind: GroupKind.Place, tags: ["Voisinage"], name: "Rue des Lilas");

        var body = await GetAsync(app.Api(), "/api/v1/groups/search?tag=chorale");
        var group = Assert.Single(body.EnumerateArray());
        Assert.Equal("gd-choir", group.GetProperty("slug").GetString());
        Assert.Equal("Chorale du quartier", group.GetProperty("display_name").GetString());
        Assert.Equal(1, group.GetProperty("members_count").GetInt32());
        Assert.Equal("interest", group.GetProperty("kindred").GetProperty("kind").GetString());

        Assert.Equal(["gd-band", "gd-choir"], (await SearchAsync("tags[]=musique&tags[]=voisinage&kind=interest")).Order(StringComparer.Ordinal));
        Assert.Equal(["gd-band", "gd-street"], (await SearchAsync("tags[]=musique&tags[]=voisinage&kind=place")).Order(StringComparer.Ordinal));
        Assert.Equal(["gd-band"], await SearchAsync("tag=musique&kind=both"));
        Assert.Equal(["gd-choir"], await SearchAsync("q=CHANTE+mardi"));
    }

    [Fact]
    public async Task SecretGroupsAreNeverListedToNonMembers()
    {
        var owner = await app.CreateUserAsync("gd_vis_owner");
        var member = await app.CreateUserAsync("gd_vis_member");
        var banned = await app.CreateUserAsync("gd_vis_banned");
        await app.CreateUserAsync("gd_vis_outsider");
        await app.AddGroupAsync("gd-vis-public", owner.Id, GroupVisibility.Public, tags: ["gdvis"]);
        var membersOnly = await app.AddGroupAsync("gd-vis-members", owner.Id, GroupVisibility.Members, tags: ["gdvis"]);
        var secret = await app.AddGroupAsync("gd-vis-secret", owner.Id, GroupVisibility.Secret, tags: ["gdvis"]);
        await app.JoinAsync(secret.Id, member.Id);
        await app.JoinAsync(membersOnly.Id, member.Id);
        await app.JoinAsync(secret.Id, banned.Id);
        await app.BanAsync(secret.Id, banned.Id);
        await app.BanAsync(membersOnly.Id, banned.Id);

        const string Query = "tag=gdvis&sort=activity";
        Assert.Equal(["gd-vis-public"], await SearchAsync(Query));
        Assert.Equal(["gd-vis-public"], await SearchAsync(Query, await app.AppTokenAsync("read")));
        Assert.Equal(["gd-vis-members", "gd-vis-public"], await SearchAsync(Query, await app.TokenAsync("gd_vis_outsider", "read")));
        Assert.Equal(["gd-vis-secret", "gd-vis-members", "gd-vis-public"], await SearchAsync(Query, await app.TokenAsync("gd_vis_member", "read")));
        Assert.Equal(["gd-vis-members", "gd-vis-public"], await SearchAsync(Query, await app.TokenAsync("gd_vis_banned", "read")));
        // Not by name either.
        Assert.Empty(await SearchAsync("q=gd+vis+secret", await app.TokenAsync("gd_vis_outsider", "read")));
    }

    [Theory]
    [InlineData("radius=0&near=48.86,2.35", "radius")]
    [InlineData("radius=501&near=48.86,2.35", "radius")]
    [InlineData("radius=far&near=48.86,2.35", "radius")]
    [InlineData("near=somewhere", "near")]
    [InlineData("near=91,0", "near")]
    [InlineData("near=48.86,181", "near")]
    [InlineData("near=me", "near")]
    [InlineData("kind=planet", "kind")]
    [InlineData("sort=random", "sort")]
    [InlineData("tag=%23%23%23", "tag")]
    [InlineData("tags[]=a&tags[]=b&tags[]=c&tags[]=d&tags[]=e&tags[]=f", "tag")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=1001", "offset")]
    [InlineData("limit=lots", "limit")]
    public async Task BadInputIsA422NamingTheParameter(string query, string field)
    {
        var response = await app.Api().GetAsync("/api/v1/groups/search?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{query}: {(int)response.StatusCode} {body}");
        Assert.Contains(field, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverLongTextAndNearMeWithoutAHomeAreaAreRefusedClearly()
    {
        await app.CreateUserAsync("gd_nohome");
        var token = await app.TokenAsync("gd_nohome", "read");
        var longText = await app.Api(token).GetAsync("/api/v1/groups/search?q=" + new string('x', 201));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, longText.StatusCode);
        Assert.Contains("at most 200 characters", await longText.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noHome = await app.Api(token).GetAsync("/api/v1/groups/search?near=me");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noHome.StatusCode);
        Assert.Contains("home area", await noHome.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesByOffsetWithALinkHeader()
    {
        var owner = await app.CreateUserAsync("gd_pager");
        for (var i = 0; i < 5; i++)
        {
            await app.AddGroupAsync($"gd-page-{i}", owner.Id, tags: ["gdpage"], lastStatusAt: DateTime.UtcNow.AddHours(-i));
        }

        var first = await app.Api().GetAsync("/api/v1/groups/search?tag=gdpage&sort=activity&limit=2");
        Assert.Equal(["gd-page-0", "gd-page-1"], Slugs(await KindredApp.Json(first, HttpStatusCode.OK)));
        var link = first.Headers.GetValues("Link").Single();
        Assert.Contains("offset=2>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("tag=gdpage", link, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", link, StringComparison.Ordinal);

        var middle = await app.Api().GetAsync("/api/v1/groups/search?tag=gdpage&sort=activity&limit=2&offset=2");
        Assert.Equal(["gd-page-2", "gd-page-3"], Slugs(await KindredApp.Json(middle, HttpStatusCode.OK)));
        Assert.Contains("offset=0>; rel=\"prev\"", middle.Headers.GetValues("Link").Single(), StringComparison.Ordinal);

        var last = await app.Api().GetAsync("/api/v1/groups/search?tag=gdpage&sort=activity&limit=2&offset=4");
        Assert.Equal(["gd-page-4"], Slugs(await KindredApp.Json(last, HttpStatusCode.OK)));
        Assert.DoesNotContain("rel=\"next\"", last.Headers.GetValues("Link").Single(), StringComparison.Ordinal);

        // A limit above the cap is cut to it, as Mastodon does.
        Assert.Equal(5, (await GetAsync(app.Api(), "/api/v1/groups/search?tag=gdpage&limit=1000")).GetArrayLength());
    }

    [Fact]
    public async Task SuggestedGroupsLeaveOutGroupsTheMemberIsInAskedToJoinIsBannedFromOrCannotJoin()
    {
        var owner = await app.CreateUserAsync("gd_sug_owner");
        var member = await app.CreateUserAsync("gd_sug_member");
        await app.SetInterestsAsync(member.Id, ["Céramique"]);
        string[] tag = ["Céramique"];
        await app.AddGroupAsync("gd-sug-match", owner.Id, tags: tag);
        var joined = await app.AddGroupAsync("gd-sug-joined", owner.Id, tags: tag);
        await app.JoinAsync(joined.Id, member.Id);
        var requested = await app.AddGroupAsync("gd-sug-requested", owner.Id, tags: tag, joinPolicy: GroupJoinPolicy.Approval);
        await app.RequestToJoinAsync(requested.Id, member.Id);
        var banned = await app.AddGroupAsync("gd-sug-banned", owner.Id, tags: tag);
        await app.BanAsync(banned.Id, member.Id);
        await app.AddGroupAsync("gd-sug-invite", owner.Id, tags: tag, joinPolicy: GroupJoinPolicy.InviteOnly);
        await app.AddGroupAsync("gd-sug-secret", owner.Id, GroupVisibility.Secret, tags: tag);

        var suggested = Slugs(await GetAsync(app.Api(await app.TokenAsync("gd_sug_member", "read")), "/api/v1/truth/suggestions/groups?limit=40"));
        Assert.Equal("gd-sug-match", suggested[0]);
        Assert.DoesNotContain(suggested, s => s is "gd-sug-joined" or "gd-sug-requested" or "gd-sug-banned" or "gd-sug-invite" or "gd-sug-secret");
        Assert.Single(Slugs(await GetAsync(app.Api(await app.TokenAsync("gd_sug_member", "read")), "/api/v1/truth/suggestions/groups?limit=1")));
    }

    [Fact]
    public async Task KeptSuggestionsFollowWhatTheMemberAndTheGroupsDoNext()
    {
        var owner = await app.CreateUserAsync("gd_kept_owner");
        var member = await app.CreateUserAsync("gd_kept_member");
        await app.SetInterestsAsync(member.Id, ["Tissage"]);
        string[] weaving = ["Tissage"];
        var first = await app.AddGroupAsync("gd-kept-first", owner.Id, tags: weaving);
        var second = await app.AddGroupAsync("gd-kept-second", owner.Id, tags: weaving);
        await app.AddGroupAsync("gd-kept-pottery", owner.Id, tags: ["Poterie"]);
        var token = await app.TokenAsync("gd_kept_member", "read");
        async Task<List<string>> SuggestedAsync() => Slugs(await GetAsync(app.Api(token), "/api/v1/truth/suggestions/groups?limit=40"));

        Assert.Equal(["gd-kept-second", "gd-kept-first"], (await SuggestedAsync())[..2]);

        // Joining, or being banned, takes a group out at once, though the ranking was kept.
        await app.JoinAsync(first.Id, member.Id);
        Assert.DoesNotContain("gd-kept-first", await SuggestedAsync());
        await app.BanAsync(second.Id, member.Id);
        Assert.DoesNotContain("gd-kept-second", await SuggestedAsync());

        // A new group is ranked with the others at once.
        await app.AddGroupAsync("gd-kept-new", owner.Id, tags: weaving);
        Assert.Equal("gd-kept-new", (await SuggestedAsync())[0]);

        // So is a change of interests.
        await app.SetInterestsAsync(member.Id, ["Poterie"]);
        Assert.Equal("gd-kept-pottery", (await SuggestedAsync())[0]);
    }

    [Theory]
    [InlineData("/api/v1/groups/search?q=x")]
    [InlineData("/api/v1/truth/suggestions/groups")]
    public async Task ATokenWithoutTheScopeIsRefusedWith403(string path)
    {
        var username = path.Contains("truth", StringComparison.Ordinal) ? "gd_scope_suggested" : "gd_scope_search";
        await app.CreateUserAsync(username);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(await app.TokenAsync(username, "write")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(await app.TokenAsync(username, "read")).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task SuggestedGroupsNeedAMember()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/truth/suggestions/groups")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(await app.AppTokenAsync("read")).GetAsync("/api/v1/truth/suggestions/groups")).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheDiscoveryEndpoints()
    {
        var document = await app.Api().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/v1/groups/search\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/truth/suggestions/groups\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/v2/suggestions\"", document, StringComparison.Ordinal);
    }
}

public sealed class GroupDirectorySqliteTests(SqliteApp app) : GroupDirectoryTests(app), IClassFixture<SqliteApp>;

public sealed class GroupDirectoryPostgresTests(PostgresApp app) : GroupDirectoryTests(app), IClassFixture<PostgresApp>;
