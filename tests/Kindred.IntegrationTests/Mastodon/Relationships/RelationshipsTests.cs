using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Relationships;

public abstract class RelationshipsTests(KindredApp app)
{
    private static int scopeUsers;

    private static readonly string[] RelationshipKeys =
    [
        "id", "following", "showing_reblogs", "notifying", "languages", "followed_by", "blocking", "blocked_by", "muting",
        "muting_notifications", "muting_expires_at", "requested", "requested_by", "domain_blocking", "endorsed", "note",
    ];

    private async Task<(string Id, string Token)> MemberAsync(string username, bool locked = false)
    {
        var user = await app.CreateUserAsync(username);
        if (locked)
        {
            await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Locked, true)));
        }
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username));
    }

    private async Task<JsonElement> PostAsync(string token, string path, HttpStatusCode expected = HttpStatusCode.OK, Dictionary<string, string>? form = null) =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, new FormUrlEncodedContent(form ?? [])), expected);

    private async Task<JsonElement> GetAsync(string? token, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await KindredApp.Json(await app.Api(token).GetAsync(path), expected);

    [Fact]
    public async Task FollowingAnOpenAccountFollowsAtOnceAndCountsIt()
    {
        var (_, alice) = await MemberAsync("rel_alice");
        var (bobId, _) = await MemberAsync("rel_bob");
        var relationship = await PostAsync(alice, $"/api/v1/accounts/{bobId}/follow", form: new() { ["notify"] = "true" });
        Assert.Equal(bobId, relationship.GetProperty("id").GetString());
        Assert.True(relationship.GetProperty("following").GetBoolean());
        Assert.True(relationship.GetProperty("notifying").GetBoolean());
        Assert.True(relationship.GetProperty("showing_reblogs").GetBoolean());
        Assert.False(relationship.GetProperty("requested").GetBoolean());
        foreach (var key in RelationshipKeys)
        {
            Assert.True(relationship.TryGetProperty(key, out _), $"Relationship lacks {key}");
        }

        var bob = await GetAsync(null, $"/api/v1/accounts/{bobId}");
        Assert.Equal(1, bob.GetProperty("followers_count").GetInt32());
        var me = await GetAsync(alice, "/api/v1/accounts/verify_credentials");
        Assert.Equal(1, me.GetProperty("following_count").GetInt32());

        var unfollowed = await PostAsync(alice, $"/api/v1/accounts/{bobId}/unfollow");
        Assert.False(unfollowed.GetProperty("following").GetBoolean());
        Assert.Equal(0, (await GetAsync(null, $"/api/v1/accounts/{bobId}")).GetProperty("followers_count").GetInt32());
    }

    [Fact]
    public async Task ALockedAccountGetsARequestThatItAuthorizes()
    {
        var (carolId, carol) = await MemberAsync("rel_carol");
        var (danId, dan) = await MemberAsync("rel_dan", locked: true);
        var requested = await PostAsync(carol, $"/api/v1/accounts/{danId}/follow");
        Assert.False(requested.GetProperty("following").GetBoolean());
        Assert.True(requested.GetProperty("requested").GetBoolean());

        var pending = await GetAsync(dan, "/api/v1/follow_requests");
        Assert.Equal([carolId], pending.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(1, (await GetAsync(dan, "/api/v1/accounts/verify_credentials")).GetProperty("source").GetProperty("follow_requests_count").GetInt32());
        var fromDan = await PostAsync(dan, $"/api/v1/follow_requests/{carolId}/authorize");
        Assert.True(fromDan.GetProperty("followed_by").GetBoolean());
        Assert.False(fromDan.GetProperty("requested_by").GetBoolean());

        var now = await RelationshipAsync(carol, danId);
        Assert.True(now.GetProperty("following").GetBoolean());
        Assert.False(now.GetProperty("requested").GetBoolean());
        Assert.Equal(0, (await GetAsync(dan, "/api/v1/follow_requests")).GetArrayLength());
    }

    [Fact]
    public async Task ARejectedRequestLeavesNothingBehind()
    {
        var (erinId, erin) = await MemberAsync("rel_erin");
        var (fredId, fred) = await MemberAsync("rel_fred", locked: true);
        await PostAsync(erin, $"/api/v1/accounts/{fredId}/follow");
        var afterReject = await PostAsync(fred, $"/api/v1/follow_requests/{erinId}/reject");
        Assert.False(afterReject.GetProperty("requested_by").GetBoolean());
        Assert.False(afterReject.GetProperty("followed_by").GetBoolean());
        var fromErin = await RelationshipAsync(erin, fredId);
        Assert.False(fromErin.GetProperty("requested").GetBoolean());
        Assert.False(fromErin.GetProperty("following").GetBoolean());
        // A second decision on the same request finds nothing to decide.
        await PostAsync(fred, $"/api/v1/follow_requests/{erinId}/authorize", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnfollowingWithdrawsAPendingRequest()
    {
        var (_, gina) = await MemberAsync("rel_gina");
        var (hugoId, hugo) = await MemberAsync("rel_hugo", locked: true);
        await PostAsync(gina, $"/api/v1/accounts/{hugoId}/follow");
        var withdrawn = await PostAsync(gina, $"/api/v1/accounts/{hugoId}/unfollow");
        Assert.False(withdrawn.GetProperty("requested").GetBoolean());
        Assert.Equal(0, (await GetAsync(hugo, "/api/v1/follow_requests")).GetArrayLength());
    }

    [Fact]
    public async Task ABlockRemovesFollowsBothWaysAndStopsNewOnes()
    {
        var (ivyId, ivy) = await MemberAsync("rel_ivy");
        var (jackId, jack) = await MemberAsync("rel_jack");
        await PostAsync(ivy, $"/api/v1/accounts/{jackId}/follow");
        await PostAsync(jack, $"/api/v1/accounts/{ivyId}/follow");
        var blocked = await PostAsync(ivy, $"/api/v1/accounts/{jackId}/block");
        Assert.True(blocked.GetProperty("blocking").GetBoolean());
        Assert.False(blocked.GetProperty("following").GetBoolean());
        Assert.False(blocked.GetProperty("followed_by").GetBoolean());

        var fromJack = await RelationshipAsync(jack, ivyId);
        Assert.True(fromJack.GetProperty("blocked_by").GetBoolean());
        await PostAsync(jack, $"/api/v1/accounts/{ivyId}/follow", HttpStatusCode.Forbidden);
        await PostAsync(ivy, $"/api/v1/accounts/{jackId}/follow", HttpStatusCode.Forbidden);
        Assert.Equal([jackId], (await GetAsync(ivy, "/api/v1/blocks")).EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        var unblocked = await PostAsync(ivy, $"/api/v1/accounts/{jackId}/unblock");
        Assert.False(unblocked.GetProperty("blocking").GetBoolean());
        Assert.True((await PostAsync(jack, $"/api/v1/accounts/{ivyId}/follow")).GetProperty("following").GetBoolean());
    }

    [Fact]
    public async Task AMuteWithADurationRunsOut()
    {
        var (_, kim) = await MemberAsync("rel_kim");
        var (leoId, _) = await MemberAsync("rel_leo");
        var muted = await PostAsync(kim, $"/api/v1/accounts/{leoId}/mute", form: new() { ["duration"] = "3600", ["notifications"] = "false" });
        Assert.True(muted.GetProperty("muting").GetBoolean());
        Assert.False(muted.GetProperty("muting_notifications").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, muted.GetProperty("muting_expires_at").ValueKind);
        Assert.Equal([leoId], (await GetAsync(kim, "/api/v1/mutes")).EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        // An hour later: move the end into the past rather than wait.
        await app.WithDbAsync(db => db.Mutes.Where(m => m.TargetAccountId == long.Parse(leoId, CultureInfo.InvariantCulture))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var expired = await RelationshipAsync(kim, leoId);
        Assert.False(expired.GetProperty("muting").GetBoolean());
        Assert.Equal(0, (await GetAsync(kim, "/api/v1/mutes")).GetArrayLength());

        var forever = await PostAsync(kim, $"/api/v1/accounts/{leoId}/mute");
        Assert.True(forever.GetProperty("muting").GetBoolean());
        Assert.True(forever.GetProperty("muting_notifications").GetBoolean());
        Assert.Equal(JsonValueKind.Null, forever.GetProperty("muting_expires_at").ValueKind);
        Assert.False((await PostAsync(kim, $"/api/v1/accounts/{leoId}/unmute")).GetProperty("muting").GetBoolean());
    }

    [Fact]
    public async Task RelationshipsForSeveralAccountsComeInOneCallAndSkipUnknownIds()
    {
        var (_, mia) = await MemberAsync("rel_mia");
        var (ninaId, _) = await MemberAsync("rel_nina");
        var (ottoId, otto) = await MemberAsync("rel_otto");
        var (paulId, _) = await MemberAsync("rel_paul", locked: true);
        var miaId = (await GetAsync(mia, "/api/v1/accounts/verify_credentials")).GetProperty("id").GetString();
        await PostAsync(mia, $"/api/v1/accounts/{ninaId}/follow");
        await PostAsync(otto, $"/api/v1/accounts/{miaId}/follow");
        await PostAsync(mia, $"/api/v1/accounts/{paulId}/follow");

        var list = (await GetAsync(mia, $"/api/v1/accounts/relationships?id[]={ninaId}&id[]={ottoId}&id[]={paulId}&id[]=999999&id[]=nope")).EnumerateArray().ToList();
        Assert.Equal([ninaId, ottoId, paulId], list.Select(r => r.GetProperty("id").GetString()));
        Assert.True(list[0].GetProperty("following").GetBoolean());
        Assert.True(list[1].GetProperty("followed_by").GetBoolean());
        Assert.False(list[1].GetProperty("following").GetBoolean());
        Assert.True(list[2].GetProperty("requested").GetBoolean());
    }

    [Fact]
    public async Task FollowerListsPageWithLinkHeaders()
    {
        var (starId, _) = await MemberAsync("rel_star");
        var fans = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (fanId, fan) = await MemberAsync($"rel_fan{i}");
            await PostAsync(fan, $"/api/v1/accounts/{starId}/follow");
            fans.Add(fanId);
        }
        var client = app.Api();
        var first = await client.GetAsync($"/api/v1/accounts/{starId}/followers?limit=2");
        var firstPage = (await KindredApp.Json(first, HttpStatusCode.OK)).EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        // Newest follow first.
        Assert.Equal([fans[4], fans[3]], firstPage);
        var link = string.Join(",", first.Headers.GetValues("Link"));
        var next = NextUrl(link, "next");
        Assert.Contains("max_id=", next, StringComparison.Ordinal);
        Assert.Contains("min_id=", NextUrl(link, "prev"), StringComparison.Ordinal);

        var second = await client.GetAsync(new Uri(next).PathAndQuery);
        Assert.Equal([fans[2], fans[1]], (await KindredApp.Json(second, HttpStatusCode.OK)).EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        // min_id with limit=1 returns the next newer item, not the newest.
        var prev = await client.GetAsync(new Uri(NextUrl(string.Join(",", second.Headers.GetValues("Link")), "prev")).PathAndQuery.Replace("limit=2", "limit=1", StringComparison.Ordinal));
        Assert.Equal([fans[3]], (await KindredApp.Json(prev, HttpStatusCode.OK)).EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        var rowIds = await app.WithDbAsync(db => db.Follows.Where(f => f.TargetAccountId == long.Parse(starId, CultureInfo.InvariantCulture)).OrderBy(f => f.Id).Select(f => f.Id).ToListAsync());
        var since = await KindredApp.Json(await client.GetAsync($"/api/v1/accounts/{starId}/followers?since_id={rowIds[2]}&limit=1"), HttpStatusCode.OK);
        Assert.Equal([fans[4]], since.EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        var following = await KindredApp.Json(await client.GetAsync($"/api/v1/accounts/{fans[0]}/following"), HttpStatusCode.OK);
        Assert.Equal([starId], following.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(5, following[0].GetProperty("followers_count").GetInt32());

        var end = await client.GetAsync($"/api/v1/accounts/{starId}/followers?max_id={rowIds[0]}");
        Assert.Equal(0, (await KindredApp.Json(end, HttpStatusCode.OK)).GetArrayLength());
        Assert.False(end.Headers.Contains("Link"));
    }

    [Fact]
    public async Task AHiddenNetworkIsShownOnlyToItsOwner()
    {
        var (quinnId, quinn) = await MemberAsync("rel_quinn");
        var (ruthId, ruth) = await MemberAsync("rel_ruth");
        await PostAsync(ruth, $"/api/v1/accounts/{quinnId}/follow");
        await PostAsync(quinn, $"/api/v1/accounts/{ruthId}/follow");
        var updated = await KindredApp.Json(await app.Api(quinn).PatchAsync("/api/v1/accounts/update_credentials",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["hide_collections"] = "true" })), HttpStatusCode.OK);
        Assert.True(updated.GetProperty("hide_collections").GetBoolean());
        Assert.True(updated.GetProperty("source").GetProperty("hide_collections").GetBoolean());

        foreach (var (viewer, sees) in new[] { (quinn, true), (ruth, false), ((string?)null, false) })
        {
            foreach (var list in new[] { "followers", "following" })
            {
                var json = await GetAsync(viewer, $"/api/v1/accounts/{quinnId}/{list}");
                Assert.True((sees ? 1 : 0) == json.GetArrayLength(), $"{list} as {(viewer == quinn ? "owner" : viewer is null ? "anonymous" : "member")}");
            }
            var account = await GetAsync(viewer, $"/api/v1/accounts/{quinnId}");
            Assert.True(account.GetProperty("hide_collections").GetBoolean());
            Assert.Equal(1, account.GetProperty("followers_count").GetInt32());
            Assert.Equal(1, account.GetProperty("following_count").GetInt32());
        }
    }

    [Fact]
    public async Task FollowingYourselfIsRefusedAndUnknownIdsAreNotFound()
    {
        var (selfId, self) = await MemberAsync("rel_self");
        await PostAsync(self, $"/api/v1/accounts/{selfId}/follow", HttpStatusCode.UnprocessableEntity);
        await PostAsync(self, $"/api/v1/accounts/{selfId}/block", HttpStatusCode.UnprocessableEntity);
        foreach (var action in new[] { "follow", "unfollow", "block", "unblock", "mute", "unmute", "remove_from_followers" })
        {
            await PostAsync(self, $"/api/v1/accounts/424242/{action}", HttpStatusCode.NotFound);
            await PostAsync(self, $"/api/v1/accounts/not-an-id/{action}", HttpStatusCode.NotFound);
        }
        await PostAsync(self, "/api/v1/follow_requests/424242/authorize", HttpStatusCode.NotFound);
        await PostAsync(self, "/api/v1/follow_requests/424242/reject", HttpStatusCode.NotFound);
        await GetAsync(self, "/api/v1/accounts/424242/followers", HttpStatusCode.NotFound);
        await GetAsync(null, "/api/v1/accounts/424242/following", HttpStatusCode.NotFound);

        // A member still waiting for approval is as unknown as one who never existed.
        var pending = await app.CreateUserAsync("rel_pending");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == pending.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Pending)));
        await PostAsync(self, $"/api/v1/accounts/{pending.Id}/follow", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RemovingAFollowerEndsTheirFollow()
    {
        var (sueId, sue) = await MemberAsync("rel_sue");
        var (timId, tim) = await MemberAsync("rel_tim");
        await PostAsync(tim, $"/api/v1/accounts/{sueId}/follow");
        var removed = await PostAsync(sue, $"/api/v1/accounts/{timId}/remove_from_followers");
        Assert.False(removed.GetProperty("followed_by").GetBoolean());
        Assert.Equal(0, (await GetAsync(null, $"/api/v1/accounts/{sueId}/followers")).GetArrayLength());
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/v1/accounts/relationships?id[]={id}", "read:follows" },
        { "POST", "/api/v1/accounts/{id}/follow", "write:follows" },
        { "POST", "/api/v1/accounts/{id}/unfollow", "write:follows" },
        { "POST", "/api/v1/accounts/{id}/remove_from_followers", "write:follows" },
        { "GET", "/api/v1/follow_requests", "read:follows" },
        { "POST", "/api/v1/follow_requests/{id}/authorize", "write:follows" },
        { "POST", "/api/v1/follow_requests/{id}/reject", "write:follows" },
        { "POST", "/api/v1/accounts/{id}/block", "write:blocks" },
        { "POST", "/api/v1/accounts/{id}/unblock", "write:blocks" },
        { "GET", "/api/v1/blocks", "read:blocks" },
        { "POST", "/api/v1/accounts/{id}/mute", "write:mutes" },
        { "POST", "/api/v1/accounts/{id}/unmute", "write:mutes" },
        { "GET", "/api/v1/mutes", "read:mutes" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachMethodNeedsItsScopeAndAUser(string method, string path, string scope)
    {
        var target = await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "owner").Select(a => a.Id).SingleAsync());
        var url = path.Replace("{id}", target.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var username = "rel_scope" + Interlocked.Increment(ref scopeUsers).ToString(CultureInfo.InvariantCulture);
        await app.CreateUserAsync(username);
        // The other scopes of the same family, but not this one ("follow" would grant it, so it is left out too).
        var other = scope.StartsWith("read:", StringComparison.Ordinal) ? "write read:accounts push" : "read write:accounts push";
        var lacking = await app.TokenAsync(username, other);
        var appToken = await app.AppTokenAsync("read write follow");

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(app.Api(lacking), method, url)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SendAsync(app.Api(appToken), method, url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(app.Api(), method, url)).StatusCode);
        var right = await SendAsync(app.Api(await app.TokenAsync(username, scope)), method, url);
        Assert.True(right.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{method} {url} with {scope}: {(int)right.StatusCode}");
    }

    [Fact]
    public async Task FollowerListsAreOpenToVisitorsButATokenNeedsReadAccounts()
    {
        var (id, _) = await MemberAsync("rel_lists");
        var lacking = await app.TokenAsync("rel_lists", "read:follows");
        foreach (var list in new[] { "followers", "following" })
        {
            await GetAsync(null, $"/api/v1/accounts/{id}/{list}");
            await GetAsync(await app.AppTokenAsync("read"), $"/api/v1/accounts/{id}/{list}");
            await GetAsync(lacking, $"/api/v1/accounts/{id}/{list}", HttpStatusCode.Forbidden);
        }
    }

    private async Task<JsonElement> RelationshipAsync(string token, string id)
    {
        var list = await GetAsync(token, $"/api/v1/accounts/relationships?id[]={id}");
        Assert.Equal(1, list.GetArrayLength());
        return list[0];
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url) =>
        method == "GET" ? client.GetAsync(url) : client.PostAsync(url, new FormUrlEncodedContent([]));

    private static string NextUrl(string link, string rel)
    {
        foreach (var part in link.Split(','))
        {
            if (part.Contains($"rel=\"{rel}\"", StringComparison.Ordinal))
            {
                return part[(part.IndexOf('<', StringComparison.Ordinal) + 1)..part.IndexOf('>', StringComparison.Ordinal)];
            }
        }
        throw new InvalidOperationException($"No {rel} link in {link}");
    }
}

public sealed class RelationshipsSqliteTests(SqliteApp app) : RelationshipsTests(app), IClassFixture<SqliteApp>;

public sealed class RelationshipsPostgresTests(PostgresApp app) : RelationshipsTests(app), IClassFixture<PostgresApp>;
