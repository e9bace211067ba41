using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Lists;

/// <summary>Lists and the list timeline through the Mastodon API: CRUD, members (only followed accounts), another
/// member's list (404), visibility and replies policy, paging and scopes.</summary>
public abstract class ListsTests(KindredApp app)
{
    private static int scopeUsers;

    private async Task<(string Id, string Token)> MemberAsync(string username)
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username));
    }

    private async Task<JsonElement> SendAsync(string token, HttpMethod method, string path, Dictionary<string, string>? form = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(method, path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        return await KindredApp.Json(await app.Api(token).SendAsync(request), expected);
    }

    private Task<JsonElement> GetAsync(string token, string path, HttpStatusCode expected = HttpStatusCode.OK) => SendAsync(token, HttpMethod.Get, path, expected: expected);

    private async Task<string> CreateListAsync(string token, string title, string? policy = null, bool exclusive = false)
    {
        var form = new Dictionary<string, string> { ["title"] = title, ["exclusive"] = exclusive ? "true" : "false" };
        if (policy is not null)
        {
            form["replies_policy"] = policy;
        }
        return (await SendAsync(token, HttpMethod.Post, "/api/v1/lists", form)).GetProperty("id").GetString()!;
    }

    private Task<JsonElement> FollowAsync(string token, string id) => SendAsync(token, HttpMethod.Post, $"/api/v1/accounts/{id}/follow", []);

    private Task<JsonElement> AddAsync(string token, string listId, string accountId, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(token, HttpMethod.Post, $"/api/v1/lists/{listId}/accounts", new() { ["account_ids[]"] = accountId }, expected);

    private async Task<List<string>> TimelineAsync(string token, string listId, string query = "") =>
        (await GetAsync(token, $"/api/v1/timelines/list/{listId}{query}")).EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;

    [Fact]
    public async Task AMemberCreatesReadsRenamesAndDeletesAList()
    {
        var (_, me) = await MemberAsync("li_crud");
        var created = await SendAsync(me, HttpMethod.Post, "/api/v1/lists", new() { ["title"] = "  Neighbours  " });
        Assert.Equal("Neighbours", created.GetProperty("title").GetString());
        Assert.Equal("list", created.GetProperty("replies_policy").GetString());
        Assert.False(created.GetProperty("exclusive").GetBoolean());
        var id = Id(created);

        Assert.Equal([id], (await GetAsync(me, "/api/v1/lists")).EnumerateArray().Select(Id));
        var updated = await SendAsync(me, HttpMethod.Put, $"/api/v1/lists/{id}", new() { ["title"] = "Garden club", ["replies_policy"] = "none", ["exclusive"] = "true" });
        Assert.Equal("Garden club", updated.GetProperty("title").GetString());
        Assert.Equal("none", updated.GetProperty("replies_policy").GetString());
        Assert.True(updated.GetProperty("exclusive").GetBoolean());
        Assert.Equal("Garden club", (await GetAsync(me, $"/api/v1/lists/{id}")).GetProperty("title").GetString());

        await SendAsync(me, HttpMethod.Delete, $"/api/v1/lists/{id}");
        await GetAsync(me, $"/api/v1/lists/{id}", HttpStatusCode.NotFound);
        Assert.Equal(0, (await GetAsync(me, "/api/v1/lists")).GetArrayLength());
    }

    [Fact]
    public async Task BadTitlesAndPoliciesAreRefusedWith422AndChangeNothing()
    {
        var (_, me) = await MemberAsync("li_bad");
        var blank = await SendAsync(me, HttpMethod.Post, "/api/v1/lists", new() { ["title"] = "   " }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("title", blank.GetProperty("error").GetString(), StringComparison.Ordinal);
        await SendAsync(me, HttpMethod.Post, "/api/v1/lists", new() { ["title"] = new string('x', 101) }, HttpStatusCode.UnprocessableEntity);
        await SendAsync(me, HttpMethod.Post, "/api/v1/lists", new() { ["title"] = "ok", ["replies_policy"] = "everyone" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, (await GetAsync(me, "/api/v1/lists")).GetArrayLength());

        var id = await CreateListAsync(me, "Kept");
        await SendAsync(me, HttpMethod.Put, $"/api/v1/lists/{id}", new() { ["title"] = "" }, HttpStatusCode.UnprocessableEntity);
        await SendAsync(me, HttpMethod.Put, $"/api/v1/lists/{id}", new() { ["title"] = "New", ["replies_policy"] = "bogus" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Kept", (await GetAsync(me, $"/api/v1/lists/{id}")).GetProperty("title").GetString());
        await GetAsync(me, "/api/v1/lists/123456789", HttpStatusCode.NotFound);
        await GetAsync(me, "/api/v1/lists/abc", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherMembersListIsNotFoundOnEveryMethodAndStaysUnchanged()
    {
        var (_, owner) = await MemberAsync("li_own");
        var (_, stranger) = await MemberAsync("li_stranger");
        var (friendId, _) = await MemberAsync("li_friend");
        await FollowAsync(owner, friendId);
        await FollowAsync(stranger, friendId);
        var id = await CreateListAsync(owner, "Private list");
        await AddAsync(owner, id, friendId);

        await GetAsync(stranger, $"/api/v1/lists/{id}", HttpStatusCode.NotFound);
        await GetAsync(stranger, $"/api/v1/lists/{id}/accounts", HttpStatusCode.NotFound);
        await GetAsync(stranger, $"/api/v1/timelines/list/{id}", HttpStatusCode.NotFound);
        await SendAsync(stranger, HttpMethod.Put, $"/api/v1/lists/{id}", new() { ["title"] = "Mine now" }, HttpStatusCode.NotFound);
        await AddAsync(stranger, id, friendId, HttpStatusCode.NotFound);
        await SendAsync(stranger, HttpMethod.Delete, $"/api/v1/lists/{id}/accounts", new() { ["account_ids[]"] = friendId }, HttpStatusCode.NotFound);
        await SendAsync(stranger, HttpMethod.Delete, $"/api/v1/lists/{id}", expected: HttpStatusCode.NotFound);
        Assert.Equal(0, (await GetAsync(stranger, "/api/v1/lists")).GetArrayLength());
        Assert.Equal(0, (await GetAsync(stranger, $"/api/v1/accounts/{friendId}/lists")).GetArrayLength());

        Assert.Equal("Private list", (await GetAsync(owner, $"/api/v1/lists/{id}")).GetProperty("title").GetString());
        Assert.Equal([friendId], (await GetAsync(owner, $"/api/v1/lists/{id}/accounts")).EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task OnlyFollowedAccountsCanBeAddedAndUnfollowingOrBlockingTakesThemOut()
    {
        var (_, me) = await MemberAsync("li_mem");
        var (aId, _) = await MemberAsync("li_mem_a");
        var (bId, b) = await MemberAsync("li_mem_b");
        var (strangerId, _) = await MemberAsync("li_mem_x");
        await FollowAsync(me, aId);
        await FollowAsync(me, bId);
        var id = await CreateListAsync(me, "Friends");

        // One account not followed refuses the whole request, as Mastodon does.
        await AddAsync(me, id, aId);
        var mixed = new FormUrlEncodedContent([new("account_ids[]", bId), new("account_ids[]", strangerId)]);
        var error = await KindredApp.Json(await app.Api(me).PostAsync($"/api/v1/lists/{id}/accounts", mixed), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("follow", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        await AddAsync(me, id, "not-a-number", HttpStatusCode.UnprocessableEntity);
        await SendAsync(me, HttpMethod.Post, $"/api/v1/lists/{id}/accounts", [], HttpStatusCode.UnprocessableEntity);
        Assert.Equal([aId], (await GetAsync(me, $"/api/v1/lists/{id}/accounts")).EnumerateArray().Select(Id));

        await AddAsync(me, id, bId);
        await AddAsync(me, id, bId);
        Assert.Equal([bId, aId], (await GetAsync(me, $"/api/v1/lists/{id}/accounts")).EnumerateArray().Select(Id));
        Assert.Equal([id], (await GetAsync(me, $"/api/v1/accounts/{aId}/lists")).EnumerateArray().Select(Id));
        await GetAsync(me, "/api/v1/accounts/987654321/lists", HttpStatusCode.NotFound);

        await SendAsync(me, HttpMethod.Post, $"/api/v1/accounts/{aId}/unfollow", []);
        Assert.Equal([bId], (await GetAsync(me, $"/api/v1/lists/{id}/accounts")).EnumerateArray().Select(Id));
        await SendAsync(b, HttpMethod.Post, $"/api/v1/accounts/{(await GetAsync(me, "/api/v1/accounts/verify_credentials")).GetProperty("id").GetString()}/block", []);
        Assert.Equal(0, (await GetAsync(me, $"/api/v1/lists/{id}/accounts")).GetArrayLength());

        await FollowAsync(me, aId);
        await AddAsync(me, id, aId);
        await SendAsync(me, HttpMethod.Delete, $"/api/v1/lists/{id}/accounts", new() { ["account_ids[]"] = aId });
        Assert.Equal(0, (await GetAsync(me, $"/api/v1/lists/{id}/accounts")).GetArrayLength());
    }

    [Fact]
    public async Task MembersArePagedWithALinkHeaderAndLimitZeroGivesAll()
    {
        var (_, me) = await MemberAsync("li_pg");
        var id = await CreateListAsync(me, "Many");
        var added = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (otherId, _) = await MemberAsync($"li_pg_{i}");
            await FollowAsync(me, otherId);
            await AddAsync(me, id, otherId);
            added.Insert(0, otherId);
        }
        var first = await app.Api(me).GetAsync($"/api/v1/lists/{id}/accounts?limit=2");
        Assert.Contains("rel=\"next\"", first.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal(added[..2], (await KindredApp.Json(first, HttpStatusCode.OK)).EnumerateArray().Select(Id));
        Assert.Equal(3, (await GetAsync(me, $"/api/v1/lists/{id}/accounts?limit=0")).GetArrayLength());
    }

    [Fact]
    public async Task TheListTimelineShowsWhatTheOwnerMayReadFromMembersOnly()
    {
        var (_, owner) = await MemberAsync("lt_owner");
        var (memberId, member) = await MemberAsync("lt_member");
        var (otherId, other) = await MemberAsync("lt_other");
        var (_, third) = await MemberAsync("lt_third");
        await FollowAsync(owner, memberId);
        await FollowAsync(owner, otherId);
        var id = await CreateListAsync(owner, "Member only");
        await AddAsync(owner, id, memberId);

        var pub = Id(await app.PostStatusAsync(member, "public words"));
        var priv = Id(await app.PostStatusAsync(member, "for followers", "private"));
        await app.PostStatusAsync(member, "@lt_third a secret", "direct");
        var toOwner = Id(await app.PostStatusAsync(member, "@lt_owner for you", "direct"));
        await app.PostStatusAsync(other, "not in the list");
        var gone = Id(await app.PostStatusAsync(member, "soon deleted"));
        await SendAsync(member, HttpMethod.Delete, $"/api/v1/statuses/{gone}");
        var thirdPost = Id(await app.PostStatusAsync(third, "boost me"));
        var boost = Id(await SendAsync(member, HttpMethod.Post, $"/api/v1/statuses/{thirdPost}/reblog", []));

        Assert.Equal([boost, toOwner, priv, pub], await TimelineAsync(owner, id));

        // The owner blocks the boosted author: the boost goes; muting the member empties the list.
        await SendAsync(owner, HttpMethod.Post, $"/api/v1/accounts/{(await GetAsync(third, "/api/v1/accounts/verify_credentials")).GetProperty("id").GetString()}/block", []);
        Assert.Equal([toOwner, priv, pub], await TimelineAsync(owner, id));
        await SendAsync(owner, HttpMethod.Post, $"/api/v1/accounts/{memberId}/mute", []);
        Assert.Empty(await TimelineAsync(owner, id));
    }

    [Fact]
    public async Task RepliesFollowTheListsRepliesPolicy()
    {
        var (_, owner) = await MemberAsync("lr_owner");
        var (memberId, member) = await MemberAsync("lr_member");
        var (friendId, friend) = await MemberAsync("lr_friend");
        var (_, stranger) = await MemberAsync("lr_stranger");
        await FollowAsync(owner, memberId);
        await FollowAsync(owner, friendId);
        var listPolicy = await CreateListAsync(owner, "list", "list");
        var followedPolicy = await CreateListAsync(owner, "followed", "followed");
        var nonePolicy = await CreateListAsync(owner, "none", "none");
        foreach (var id in new[] { listPolicy, followedPolicy, nonePolicy })
        {
            await AddAsync(owner, id, memberId);
        }
        var root = Id(await app.PostStatusAsync(member, "a thread"));
        var self = Id(await app.PostStatusAsync(member, "continued", inReplyToId: root));
        var toFriend = Id(await app.PostStatusAsync(member, "@lr_friend yes", inReplyToId: Id(await app.PostStatusAsync(friend, "question"))));
        await app.PostStatusAsync(member, "@lr_stranger no", inReplyToId: Id(await app.PostStatusAsync(stranger, "other question")));

        Assert.Equal([self, root], await TimelineAsync(owner, listPolicy));
        Assert.Equal([toFriend, self, root], await TimelineAsync(owner, followedPolicy));
        Assert.Equal([self, root], await TimelineAsync(owner, nonePolicy));
    }

    [Fact]
    public async Task TheListTimelinePagesWithMaxSinceAndMinIdAndALinkHeader()
    {
        var (_, owner) = await MemberAsync("lp_owner");
        var (memberId, member) = await MemberAsync("lp_member");
        await FollowAsync(owner, memberId);
        var id = await CreateListAsync(owner, "Paged");
        await AddAsync(owner, id, memberId);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Insert(0, Id(await app.PostStatusAsync(member, $"post {i}")));
        }
        var first = await app.Api(owner).GetAsync($"/api/v1/timelines/list/{id}?limit=2");
        var link = first.Headers.GetValues("Link").Single();
        Assert.Contains($"/api/v1/timelines/list/{id}?limit=2&max_id={ids[1]}", link, StringComparison.Ordinal);
        Assert.Contains($"min_id={ids[0]}", link, StringComparison.Ordinal);
        Assert.Equal(ids[..2], (await KindredApp.Json(first, HttpStatusCode.OK)).EnumerateArray().Select(Id));
        Assert.Equal(ids[2..4], await TimelineAsync(owner, id, $"?limit=2&max_id={ids[1]}"));
        Assert.Equal([ids[3]], await TimelineAsync(owner, id, $"?limit=1&min_id={ids[4]}"));
        Assert.Equal([ids[0]], await TimelineAsync(owner, id, $"?limit=1&since_id={ids[4]}"));
        Assert.Empty(await TimelineAsync(owner, id, $"?min_id={ids[0]}"));
        var empty = await app.Api(owner).GetAsync($"/api/v1/timelines/list/{id}?max_id={ids[4]}");
        Assert.False(empty.Headers.Contains("Link"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(owner).GetAsync($"/api/v1/timelines/list/{id}?max_id=abc")).StatusCode);
    }

    [Fact]
    public async Task AnExclusiveListKeepsItsMembersOutOfTheHomeTimeline()
    {
        var (_, owner) = await MemberAsync("lx_owner");
        var (memberId, member) = await MemberAsync("lx_member");
        await FollowAsync(owner, memberId);
        var id = await CreateListAsync(owner, "Apart", exclusive: true);
        var post = Id(await app.PostStatusAsync(member, "hello"));
        Assert.Contains(post, (await GetAsync(owner, "/api/v1/timelines/home")).EnumerateArray().Select(Id));
        await AddAsync(owner, id, memberId);
        Assert.DoesNotContain(post, (await GetAsync(owner, "/api/v1/timelines/home")).EnumerateArray().Select(Id));
        Assert.Equal([post], await TimelineAsync(owner, id));
        await SendAsync(owner, HttpMethod.Put, $"/api/v1/lists/{id}", new() { ["exclusive"] = "false" });
        Assert.Contains(post, (await GetAsync(owner, "/api/v1/timelines/home")).EnumerateArray().Select(Id));
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/v1/lists", "read:lists" },
        { "POST", "/api/v1/lists", "write:lists" },
        { "GET", "/api/v1/lists/{list}", "read:lists" },
        { "PUT", "/api/v1/lists/{list}", "write:lists" },
        { "DELETE", "/api/v1/lists/{list}", "write:lists" },
        { "GET", "/api/v1/lists/{list}/accounts", "read:lists" },
        { "POST", "/api/v1/lists/{list}/accounts", "write:lists" },
        { "DELETE", "/api/v1/lists/{list}/accounts", "write:lists" },
        { "GET", "/api/v1/accounts/{account}/lists", "read:lists" },
        { "GET", "/api/v1/timelines/list/{list}", "read:lists" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachMethodNeedsItsScopeAndAUser(string method, string path, string scope)
    {
        var username = "li_scope" + Interlocked.Increment(ref scopeUsers).ToString(CultureInfo.InvariantCulture);
        var (_, full) = await MemberAsync(username);
        var (friendId, _) = await MemberAsync(username + "f");
        await FollowAsync(full, friendId);
        var listId = await CreateListAsync(full, "Scoped");
        await AddAsync(full, listId, friendId);
        var url = path.Replace("{list}", listId, StringComparison.Ordinal).Replace("{account}", friendId, StringComparison.Ordinal);
        var other = scope.StartsWith("read:", StringComparison.Ordinal) ? "write read:accounts read:statuses" : "read write:accounts write:statuses";
        var lacking = await app.TokenAsync(username, other);
        HttpRequestMessage Request() => new(new HttpMethod(method), url)
        {
            Content = method is "GET" ? null : new FormUrlEncodedContent([new("title", "Changed"), new("account_ids[]", friendId)]),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(await app.AppTokenAsync("read write")).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().SendAsync(Request())).StatusCode);
        // Nothing changed: the one list still has its title and member.
        Assert.Equal("Scoped", (await GetAsync(full, $"/api/v1/lists/{listId}")).GetProperty("title").GetString());
        Assert.Equal(1, (await GetAsync(full, $"/api/v1/lists/{listId}/accounts")).GetArrayLength());
        Assert.Equal(1, (await GetAsync(full, "/api/v1/lists")).GetArrayLength());
        var right = await app.Api(await app.TokenAsync(username, scope)).SendAsync(Request());
        Assert.True(right.StatusCode == HttpStatusCode.OK, $"{method} {url} with {scope}: {(int)right.StatusCode}");
    }
}

public sealed class ListsSqliteTests(SqliteApp app) : ListsTests(app), IClassFixture<SqliteApp>;

public sealed class ListsPostgresTests(PostgresApp app) : ListsTests(app), IClassFixture<PostgresApp>;
