using System.Net;
using System.Text.Json;
using Kindred.Core.Aid;
using Kindred.Core.Notifications;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Aid;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.IntegrationTests.KindredApi.Aid;

/// <summary>The aid API (ADR 29): create, edit, close and reopen, browse with filters and "near me", paging, the
/// categories admin, bad input, others' items, the expiry job and its once-only nudge, and scopes.</summary>
public abstract class AidApiTests(KindredApp app)
{
    private const string Aid = "/api/v1/kindred/aid";

    private async Task<(long Id, string Token)> MemberAsync(string username, UserRole role = UserRole.Member)
    {
        var user = await app.CreateUserAsync(username, role);
        return (user.Id, await app.TokenAsync(username, "read write follow push" + (role is UserRole.Admin or UserRole.Owner ? " admin:read admin:write" : "")));
    }

    private Task<JsonElement> SendAsync(string? token, HttpMethod method, string path, IEnumerable<(string, string)>? form = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        AidTestWorld.SendAsync(app, token, method, path, form, expected);

    private static List<string> Ids(JsonElement list) => list.EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task AnOwnerPostsEditsClosesAndReopensARequest()
    {
        var (meId, me) = await MemberAsync("aa_owner");
        await AidTestWorld.SetHomeAsync(app, meId, 45.76, 4.84, "Croix-Rousse");
        var created = await SendAsync(me, HttpMethod.Post, Aid, [("kind", "request"), ("category", "childcare"), ("title", "School pick-up on Tuesdays"),
            ("description", "Two children, *thank you*"), ("urgency", "high"), ("starts_on", DateTime.UtcNow.ToString("yyyy-MM-dd")), ("availability", "6")]);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("request", created.GetProperty("kind").GetString());
        Assert.Equal("childcare", created.GetProperty("category").GetProperty("slug").GetString());
        Assert.Equal("Croix-Rousse", created.GetProperty("area_name").GetString());
        Assert.Equal(45.76, created.GetProperty("latitude").GetDouble());
        Assert.Equal("members", created.GetProperty("audience").GetString());
        Assert.False(created.GetProperty("sensitive").GetBoolean());
        Assert.Equal("open", created.GetProperty("state").GetString());
        Assert.Equal("high", created.GetProperty("urgency").GetString());
        Assert.Contains("<em>thank you</em>", created.GetProperty("description_html").GetString(), StringComparison.Ordinal);

        var edited = await SendAsync(me, HttpMethod.Patch, $"{Aid}/{id}", [("title", "School pick-up on Wednesdays"), ("sensitive", "true"), ("audience", "vetted_helpers")]);
        Assert.Equal("School pick-up on Wednesdays", edited.GetProperty("title").GetString());
        Assert.True(edited.GetProperty("sensitive").GetBoolean());
        Assert.Equal("vetted_helpers", edited.GetProperty("audience").GetString());
        Assert.Equal("high", edited.GetProperty("urgency").GetString());

        var closed = await SendAsync(me, HttpMethod.Post, $"{Aid}/{id}/close");
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, closed.GetProperty("ended_at").ValueKind);
        Assert.DoesNotContain(id, Ids(await SendAsync(me, HttpMethod.Get, Aid)));
        Assert.Contains(id, Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}?state=closed")));
        Assert.Contains(id, Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}/mine")));
        await SendAsync(me, HttpMethod.Post, $"{Aid}/{id}/close", expected: HttpStatusCode.UnprocessableEntity);

        var reopened = await SendAsync(me, HttpMethod.Post, $"{Aid}/{id}/reopen");
        Assert.Equal("open", reopened.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("ended_at").ValueKind);
    }

    [Fact]
    public async Task BadInputIsA422AndChangesNothing()
    {
        var (meId, me) = await MemberAsync("aa_bad");
        var (otherId, _) = await MemberAsync("aa_bad_other");
        var theirGroup = await TestGroups.CreateAsync(app, "aa-bad-group", GroupVisibility.Public, otherId);
        var today = DateTime.UtcNow.Date;
        (string, string)[][] bad =
        [
            [("title", new string('x', AidRules.MaxTitle + 1))],
            [("title", "")],
            [("sensitive", "true"), ("audience", "public")],
            [("audience", "group"), ("group_id", AidTestWorld.Id(theirGroup.Id))],
            [("starts_on", today.AddDays(5).ToString("yyyy-MM-dd")), ("ends_on", today.AddDays(2).ToString("yyyy-MM-dd"))],
            [("category", "nonsense")],
            [("kind", "wish")],
            [("open_for_days", "400")],
            [("latitude", "45.7")],
        ];
        foreach (var fields in bad)
        {
            List<(string, string)> form = [("kind", "request"), ("category", "food"), ("title", "Bad one")];
            foreach (var f in fields)
            {
                form.RemoveAll(x => x.Item1 == f.Item1);
                form.Add(f);
            }
            var error = await SendAsync(me, HttpMethod.Post, Aid, form, HttpStatusCode.UnprocessableEntity);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.AidItems.CountAsync(i => i.AccountId == meId)));

        var id = await AidTestWorld.CreateItemAsync(app, me, "Good one");
        foreach (var fields in bad.Where(f => f[0].Item1 != "kind"))
        {
            await SendAsync(me, HttpMethod.Patch, $"{Aid}/{id}", fields, HttpStatusCode.UnprocessableEntity);
        }
        await SendAsync(me, HttpMethod.Patch, $"{Aid}/{id}", [("kind", "offer")], HttpStatusCode.UnprocessableEntity);
        var item = await SendAsync(me, HttpMethod.Get, $"{Aid}/{id}");
        Assert.Equal("Good one", item.GetProperty("title").GetString());
        Assert.Equal("members", item.GetProperty("audience").GetString());
        Assert.False(item.GetProperty("sensitive").GetBoolean());
        Assert.Equal("childcare", item.GetProperty("category").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task OthersItemsAre404WhenHiddenAnd403WhenOnlySeen()
    {
        var (_, owner) = await MemberAsync("aa_others_owner");
        var (_, other) = await MemberAsync("aa_others_other");
        var (leadId, lead) = await MemberAsync("aa_others_lead");
        await AidTestWorld.MakeLeadAsync(app, leadId);
        var members = await AidTestWorld.CreateItemAsync(app, owner, "For members");
        var vetted = await AidTestWorld.CreateItemAsync(app, owner, "For vetted helpers", ("audience", "vetted_helpers"), ("sensitive", "true"));

        await SendAsync(other, HttpMethod.Patch, $"{Aid}/{members}", [("title", "Taken over")], HttpStatusCode.Forbidden);
        await SendAsync(other, HttpMethod.Post, $"{Aid}/{members}/close", expected: HttpStatusCode.Forbidden);
        await SendAsync(other, HttpMethod.Get, $"{Aid}/{vetted}", expected: HttpStatusCode.NotFound);
        await SendAsync(other, HttpMethod.Patch, $"{Aid}/{vetted}", [("title", "Taken over")], HttpStatusCode.NotFound);
        await SendAsync(other, HttpMethod.Post, $"{Aid}/{vetted}/close", expected: HttpStatusCode.NotFound);
        await SendAsync(other, HttpMethod.Get, $"{Aid}/123456789", expected: HttpStatusCode.NotFound);
        await SendAsync(null, HttpMethod.Get, $"{Aid}/{members}", expected: HttpStatusCode.NotFound);

        // A safeguarding lead may step in and close any item, but not rewrite it.
        await SendAsync(lead, HttpMethod.Patch, $"{Aid}/{vetted}", [("title", "Taken over")], HttpStatusCode.Forbidden);
        Assert.Equal("closed", (await SendAsync(lead, HttpMethod.Post, $"{Aid}/{vetted}/close")).GetProperty("state").GetString());
        Assert.Equal("For vetted helpers", (await SendAsync(owner, HttpMethod.Get, $"{Aid}/{vetted}")).GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, (await SendAsync(lead, HttpMethod.Get, $"{Aid}/{members}")).GetProperty("latitude").ValueKind);
    }

    [Fact]
    public async Task BrowseFiltersByKindCategoryAndUrgencyAndFindsItemsNearMe()
    {
        var (ownerId, owner) = await MemberAsync("aa_near_owner");
        var (meId, me) = await MemberAsync("aa_near_me");
        await AidTestWorld.SetHomeAsync(app, meId, 48.85, 2.35);
        var close = await AidTestWorld.CreateItemAsync(app, owner, "aanear close", ("latitude", "48.86"), ("longitude", "2.35"), ("category", "transport"), ("urgency", "urgent"));
        var town = await AidTestWorld.CreateItemAsync(app, owner, "aanear town", ("latitude", "48.95"), ("longitude", "2.35"), ("category", "transport"), ("urgency", "low"));
        var far = await AidTestWorld.CreateItemAsync(app, owner, "aanear far", ("latitude", "49.30"), ("longitude", "2.35"), ("category", "transport"));
        var nowhere = await AidTestWorld.CreateItemAsync(app, owner, "aanear nowhere", ("clear_location", "true"), ("category", "transport"));
        var offer = await AidTestWorld.CreateItemAsync(app, owner, "aanear offer", ("kind", "offer"), ("latitude", "48.851"), ("longitude", "2.351"), ("category", "transport"));
        _ = ownerId;

        var near = await SendAsync(me, HttpMethod.Get, $"{Aid}?category=transport&near=me&radius=25&sort=distance");
        Assert.Equal([offer, close, town], Ids(near));
        // A band, never kilometres (ADR 43): 1.1 km away is "under 5 km", given as its upper edge.
        Assert.Equal(5, near[1].GetProperty("distance_km").GetDouble());
        Assert.Equal("under_5", near[1].GetProperty("distance_band").GetString());
        Assert.Equal(JsonValueKind.Null, near[1].GetProperty("latitude").ValueKind);
        Assert.Equal([offer, close], Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}?category=transport&near=me&radius=5")));
        Assert.Equal([offer, far, town, close], Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}?category=transport&near=me&radius=100")));
        Assert.Equal([nowhere, far, town, close], Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}?category=transport&kind=request")));
        Assert.Equal([offer], Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}?category=transport&kind=offer")));
        Assert.Equal([close], Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}?category=transport&urgency=high")));
        Assert.Equal([close, nowhere, far, town, offer], Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}?category=transport&sort=urgency")));

        await SendAsync(me, HttpMethod.Get, $"{Aid}?near=me&radius=5000", expected: HttpStatusCode.UnprocessableEntity);
        await SendAsync(me, HttpMethod.Get, $"{Aid}?category=nope", expected: HttpStatusCode.UnprocessableEntity);
        await SendAsync(owner, HttpMethod.Get, $"{Aid}?near=me", expected: HttpStatusCode.UnprocessableEntity);
        await SendAsync(me, HttpMethod.Get, $"{Aid}?sort=best", expected: HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task BrowsePagesWithLinkHeadersAndMinId()
    {
        var (_, me) = await MemberAsync("aa_page");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await AidTestWorld.CreateItemAsync(app, me, $"aapage {i}", ("category", "errands")));
        }
        var first = await app.Api(me).GetAsync($"{Aid}?category=errands&limit=2");
        var page = await KindredApp.Json(first, HttpStatusCode.OK);
        Assert.Equal([ids[2], ids[1]], Ids(page));
        var link = first.Headers.GetValues("Link").Single();
        Assert.Contains($"max_id={ids[1]}", link, StringComparison.Ordinal);
        Assert.Contains("category=errands", link, StringComparison.Ordinal);
        Assert.Equal([ids[0]], Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}?category=errands&limit=2&max_id={ids[1]}")));
        Assert.Equal([ids[1]], Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}?category=errands&limit=1&min_id={ids[0]}")));

        var ranked = await app.Api(me).GetAsync($"{Aid}?category=errands&limit=2&sort=urgency");
        Assert.Contains("offset=2", ranked.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal([ids[0]], Ids(await SendAsync(me, HttpMethod.Get, $"{Aid}?category=errands&limit=2&sort=urgency&offset=2")));
    }

    [Fact]
    public async Task AdminsAddRenameAndArchiveCategories()
    {
        var (_, admin) = await MemberAsync("aa_cat_admin", UserRole.Admin);
        var (_, member) = await MemberAsync("aa_cat_member");
        var added = await SendAsync(admin, HttpMethod.Post, "/api/v1/admin/kindred/aid/categories", [("name", "Pet care")]);
        var id = added.GetProperty("id").GetString()!;
        Assert.Equal("pet-care", added.GetProperty("slug").GetString());
        Assert.False(added.GetProperty("built_in").GetBoolean());
        Assert.Contains("pet-care", (await SendAsync(member, HttpMethod.Get, $"{Aid}/categories")).EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
        await AidTestWorld.CreateItemAsync(app, member, "Feeding a cat", ("category", "pet-care"));

        var renamed = await SendAsync(admin, HttpMethod.Patch, $"/api/v1/admin/kindred/aid/categories/{id}", [("name", "Pets")]);
        Assert.Equal("Pets", renamed.GetProperty("name").GetString());
        Assert.Equal("pet-care", renamed.GetProperty("slug").GetString());
        await SendAsync(admin, HttpMethod.Patch, $"/api/v1/admin/kindred/aid/categories/{id}", [("name", new string('x', 61))], HttpStatusCode.UnprocessableEntity);
        await SendAsync(admin, HttpMethod.Post, "/api/v1/admin/kindred/aid/categories", [("name", " ")], HttpStatusCode.UnprocessableEntity);
        await SendAsync(member, HttpMethod.Post, "/api/v1/admin/kindred/aid/categories", [("name", "Mine")], HttpStatusCode.Forbidden);
        await SendAsync(admin, HttpMethod.Patch, "/api/v1/admin/kindred/aid/categories/999999", [("name", "Ghost")], HttpStatusCode.NotFound);

        await SendAsync(admin, HttpMethod.Patch, $"/api/v1/admin/kindred/aid/categories/{id}", [("archived", "true")]);
        Assert.DoesNotContain("pet-care", (await SendAsync(member, HttpMethod.Get, $"{Aid}/categories")).EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
        Assert.Contains("pet-care", (await SendAsync(member, HttpMethod.Get, $"{Aid}/categories?include_archived=true")).EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
        await SendAsync(member, HttpMethod.Post, Aid, [("kind", "offer"), ("category", "pet-care"), ("title", "Walking dogs")], HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await app.WithDbAsync(db => db.AidItems.CountAsync(i => i.CategoryId == AidTestWorld.Parse(id))));
    }

    [Fact]
    public async Task ItemsExpireAndTheirOwnersAreNudgedOnceBeforehand()
    {
        var (meId, me) = await MemberAsync("aa_expiry");
        var id = AidTestWorld.Parse(await AidTestWorld.CreateItemAsync(app, me, "Closing soon", ("open_for_days", "3")));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Task<int> RunAsync() => app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<AidExpiry>(s, (TimeProvider)clock).RunAsync());
        Task<int> NudgesAsync() => app.WithDbAsync(db => db.Notifications.CountAsync(n => n.AidItemId == id && n.Type == NotificationTypes.AidClosingSoon && n.AccountId == meId));

        await RunAsync();
        Assert.Equal(0, await NudgesAsync());
        clock.Advance(TimeSpan.FromDays(1.5));
        await RunAsync();
        await RunAsync();
        Assert.Equal(1, await NudgesAsync());
        var item = await SendAsync(me, HttpMethod.Get, $"{Aid}/{id}");
        Assert.Equal("open", item.GetProperty("state").GetString());

        clock.Advance(TimeSpan.FromDays(2));
        await RunAsync();
        await RunAsync();
        Assert.Equal(1, await NudgesAsync());
        var expired = await SendAsync(me, HttpMethod.Get, $"{Aid}/{id}");
        Assert.Equal("expired", expired.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, expired.GetProperty("ended_at").ValueKind);
        Assert.DoesNotContain(AidTestWorld.Id(id), Ids(await SendAsync(me, HttpMethod.Get, Aid)));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheAidApi()
    {
        var json = await KindredApp.Json(await app.Api().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty(Aid, out var aid));
        Assert.True(aid.TryGetProperty("get", out _));
        Assert.True(aid.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty(Aid + "/{id}", out var one));
        Assert.True(one.TryGetProperty("patch", out _));
        Assert.True(paths.TryGetProperty(Aid + "/{id}/close", out _));
        Assert.True(paths.TryGetProperty(Aid + "/categories", out _));
        Assert.True(paths.TryGetProperty("/api/v1/admin/kindred/aid/categories", out _));
    }

    [Fact]
    public async Task AnonymousVisitorsAndAppTokensReadPublicItemsOnly()
    {
        var (_, me) = await MemberAsync("aa_public");
        var open = await AidTestWorld.CreateItemAsync(app, me, "aapublic open", ("audience", "public"), ("category", "skills"));
        var members = await AidTestWorld.CreateItemAsync(app, me, "aapublic members", ("category", "skills"));
        var appToken = await app.AppTokenAsync("read");
        foreach (var token in new[] { null, appToken })
        {
            Assert.Equal([open], Ids(await SendAsync(token, HttpMethod.Get, $"{Aid}?category=skills")));
            await SendAsync(token, HttpMethod.Get, $"{Aid}/{open}");
            await SendAsync(token, HttpMethod.Get, $"{Aid}/{members}", expected: HttpStatusCode.NotFound);
        }
        await SendAsync(null, HttpMethod.Post, Aid, [("kind", "offer"), ("category", "food"), ("title", "x")], HttpStatusCode.Unauthorized);
        await SendAsync(null, HttpMethod.Get, $"{Aid}?near=me", expected: HttpStatusCode.UnprocessableEntity);
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", Aid, "read" },
        { "GET", Aid + "/{id}", "read" },
        { "GET", Aid + "/mine", "read" },
        { "GET", Aid + "/categories", "read" },
        { "POST", Aid, "write" },
        { "PATCH", Aid + "/{id}", "write" },
        { "POST", Aid + "/{id}/close", "write" },
        { "POST", Aid + "/{id}/reopen", "write" },
        { "POST", "/api/v1/admin/kindred/aid/categories", "admin:write" },
        { "PATCH", "/api/v1/admin/kindred/aid/categories/1", "admin:write" },
    };

    private static int scopeUsers;

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachMethodNeedsItsScope(string method, string path, string scope)
    {
        var username = "aa_scope" + Interlocked.Increment(ref scopeUsers).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (_, full) = await MemberAsync(username, UserRole.Admin);
        var id = await AidTestWorld.CreateItemAsync(app, full, "Scoped " + username);
        var other = scope == "read" ? "write" : "read";
        var lacking = await app.TokenAsync(username, other);
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal))
        {
            Content = method == "GET" ? null : new FormUrlEncodedContent([new("title", "x"), new("name", "x")]),
        };
        var response = await app.Api(lacking).SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class AidApiSqliteTests(SqliteApp app) : AidApiTests(app), IClassFixture<SqliteApp>;

public sealed class AidApiPostgresTests(PostgresApp app) : AidApiTests(app), IClassFixture<PostgresApp>;
