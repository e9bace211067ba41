using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Conversations;

/// <summary>Direct conversations through the Mastodon API: listing, read, remove and reappearance, third parties, the
/// "who may message me" setting, paging and scopes.</summary>
public abstract class ConversationsTests(KindredApp app)
{
    private static int scopeUsers;

    private async Task<(string Id, string Token)> MemberAsync(string username, UserRole role = UserRole.Member)
    {
        var user = await app.CreateUserAsync(username, role);
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username));
    }

    private async Task<JsonElement> SendAsync(string token, HttpMethod method, string path, Dictionary<string, string>? form = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(method, path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        return await KindredApp.Json(await app.Api(token).SendAsync(request), expected);
    }

    private Task<JsonElement> GetAsync(string token, string path, HttpStatusCode expected = HttpStatusCode.OK) => SendAsync(token, HttpMethod.Get, path, expected: expected);

    private Task<JsonElement> ConversationsAsync(string token, string query = "") => GetAsync(token, "/api/v1/conversations" + query);

    private Task<JsonElement> DirectAsync(string token, string text, string? replyTo = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var form = new Dictionary<string, string> { ["status"] = text, ["visibility"] = "direct" };
        if (replyTo is not null)
        {
            form["in_reply_to_id"] = replyTo;
        }
        return SendAsync(token, HttpMethod.Post, "/api/v1/statuses", form, expected);
    }

    private Task<JsonElement> SetAsync(string token, string policy) =>
        SendAsync(token, HttpMethod.Patch, "/api/v1/accounts/update_credentials", new() { ["direct_messages"] = policy });

    private Task<int> StatusCountAsync(string username) =>
        app.WithDbAsync(db => db.Statuses.CountAsync(s => s.Account.Username == username));

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;

    [Fact]
    public async Task ADirectPostStartsAConversationForEachParticipant()
    {
        var (aliceId, alice) = await MemberAsync("cv_alice");
        var (bobId, bob) = await MemberAsync("cv_bob");
        var status = Id(await DirectAsync(alice, "@cv_bob are you free on Saturday?"));

        var bobs = await ConversationsAsync(bob);
        Assert.Equal(1, bobs.GetArrayLength());
        var conversation = bobs[0];
        Assert.True(conversation.GetProperty("unread").GetBoolean());
        Assert.Equal([aliceId], conversation.GetProperty("accounts").EnumerateArray().Select(Id));
        Assert.Equal(status, conversation.GetProperty("last_status").GetProperty("id").GetString());
        Assert.Equal("direct", conversation.GetProperty("last_status").GetProperty("visibility").GetString());

        var alices = await ConversationsAsync(alice);
        Assert.Equal(Id(conversation), Id(alices[0]));
        Assert.False(alices[0].GetProperty("unread").GetBoolean());
        Assert.Equal([bobId], alices[0].GetProperty("accounts").EnumerateArray().Select(Id));

        // A reply continues it; a new direct post that replies to nothing starts another one.
        var reply = Id(await DirectAsync(bob, "@cv_alice yes!", status));
        alices = await ConversationsAsync(alice);
        Assert.Equal(1, alices.GetArrayLength());
        Assert.True(alices[0].GetProperty("unread").GetBoolean());
        Assert.Equal(reply, alices[0].GetProperty("last_status").GetProperty("id").GetString());
        await DirectAsync(alice, "@cv_bob another topic");
        Assert.Equal(2, (await ConversationsAsync(bob)).GetArrayLength());

        // Public posts that mention someone are not conversations.
        await app.PostStatusAsync(alice, "@cv_bob in public");
        Assert.Equal(2, (await ConversationsAsync(bob)).GetArrayLength());
    }

    [Fact]
    public async Task ReadingMarksItReadAndRemovingHidesItUntilANewMessage()
    {
        var (_, alice) = await MemberAsync("cr_alice");
        var (_, bob) = await MemberAsync("cr_bob");
        var first = Id(await DirectAsync(alice, "@cr_bob hello"));
        var id = Id((await ConversationsAsync(bob))[0]);

        var read = await SendAsync(bob, HttpMethod.Post, $"/api/v1/conversations/{id}/read", []);
        Assert.False(read.GetProperty("unread").GetBoolean());
        Assert.False((await ConversationsAsync(bob))[0].GetProperty("unread").GetBoolean());

        await SendAsync(bob, HttpMethod.Delete, $"/api/v1/conversations/{id}");
        Assert.Equal(0, (await ConversationsAsync(bob)).GetArrayLength());
        // The statuses stay, and the other side keeps the conversation.
        await GetAsync(bob, $"/api/v1/statuses/{first}");
        Assert.Equal(1, (await ConversationsAsync(alice)).GetArrayLength());

        await DirectAsync(alice, "@cr_bob are you there?", first);
        var back = await ConversationsAsync(bob);
        Assert.Equal(id, Id(back[0]));
        Assert.True(back[0].GetProperty("unread").GetBoolean());

        await SendAsync(bob, HttpMethod.Post, "/api/v1/conversations/999999/read", [], HttpStatusCode.NotFound);
        await SendAsync(bob, HttpMethod.Delete, "/api/v1/conversations/abc", expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AThirdPartyCannotSeeTheConversationOrItsStatuses()
    {
        var (_, alice) = await MemberAsync("ct_alice");
        await MemberAsync("ct_bob");
        var (_, eve) = await MemberAsync("ct_eve");
        var status = Id(await DirectAsync(alice, "@ct_bob just between us"));
        var id = Id((await ConversationsAsync(alice))[0]);

        Assert.Equal(0, (await ConversationsAsync(eve)).GetArrayLength());
        await SendAsync(eve, HttpMethod.Post, $"/api/v1/conversations/{id}/read", [], HttpStatusCode.NotFound);
        await SendAsync(eve, HttpMethod.Delete, $"/api/v1/conversations/{id}", expected: HttpStatusCode.NotFound);
        await GetAsync(eve, $"/api/v1/statuses/{status}", HttpStatusCode.NotFound);
        await GetAsync(eve, $"/api/v1/statuses/{status}/context", HttpStatusCode.NotFound);
        // Eve answering the status she cannot see is "not found" too, and joins nothing.
        await DirectAsync(eve, "@ct_alice let me in", status, HttpStatusCode.NotFound);
        Assert.Equal(1, (await ConversationsAsync(alice)).GetArrayLength());
        Assert.False((await ConversationsAsync(alice))[0].GetProperty("unread").GetBoolean());
    }

    [Fact]
    public async Task NobodyRefusesEveryMessageWithA422NamingTheRecipient()
    {
        var (_, alice) = await MemberAsync("cn_alice");
        var (_, bob) = await MemberAsync("cn_bob");
        await SetAsync(bob, "nobody");
        var before = await StatusCountAsync("cn_alice");
        var refused = await DirectAsync(alice, "@cn_bob hello", expected: HttpStatusCode.UnprocessableEntity);
        Assert.Contains("@cn_bob does not accept private messages", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await StatusCountAsync("cn_alice"));
        Assert.Equal(0, (await ConversationsAsync(bob)).GetArrayLength());
        Assert.Equal(0, (await ConversationsAsync(alice)).GetArrayLength());

        // A message to two people, one of whom refuses, is refused as a whole.
        await MemberAsync("cn_carol");
        await DirectAsync(alice, "@cn_carol @cn_bob both of you", expected: HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await StatusCountAsync("cn_alice"));

        // Bob may still write to Alice; then Alice may answer in that conversation.
        var fromBob = Id(await DirectAsync(bob, "@cn_alice I write first"));
        await DirectAsync(alice, "@cn_bob thanks", fromBob);
        // But not start a new one.
        await DirectAsync(alice, "@cn_bob new topic", expected: HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task PeopleIFollowAcceptsOnlyAccountsTheRecipientFollows()
    {
        var (aliceId, alice) = await MemberAsync("cf_alice");
        var (_, bob) = await MemberAsync("cf_bob");
        await SetAsync(bob, "following");
        await DirectAsync(alice, "@cf_bob hi", expected: HttpStatusCode.UnprocessableEntity);
        await SendAsync(bob, HttpMethod.Post, $"/api/v1/accounts/{aliceId}/follow", []);
        await DirectAsync(alice, "@cf_bob hi again");
        Assert.Equal(1, (await ConversationsAsync(bob)).GetArrayLength());
        // Editing a direct post to mention someone who refuses is refused too.
        var (_, carol) = await MemberAsync("cf_carol");
        await SetAsync(carol, "nobody");
        var post = Id(await DirectAsync(alice, "@cf_bob draft"));
        var edit = await app.Api(alice).PutAsync($"/api/v1/statuses/{post}", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "@cf_bob @cf_carol draft" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(carol).GetAsync($"/api/v1/statuses/{post}")).StatusCode);
    }

    [Fact]
    public async Task ModeratorsMayAlwaysWrite()
    {
        var (_, moderator) = await MemberAsync("cm_mod", UserRole.Moderator);
        var (_, bob) = await MemberAsync("cm_bob");
        await SetAsync(bob, "nobody");
        await DirectAsync(moderator, "@cm_bob about your report");
        Assert.Equal(1, (await ConversationsAsync(bob)).GetArrayLength());
    }

    [Fact]
    public async Task TheSettingIsOnTheMembersOwnAccountOnly()
    {
        var (bobId, bob) = await MemberAsync("cs_bob");
        var (_, alice) = await MemberAsync("cs_alice");
        Assert.Equal("everyone", (await GetAsync(bob, "/api/v1/accounts/verify_credentials")).GetProperty("kindred").GetProperty("direct_messages").GetString());
        var updated = await SendAsync(bob, HttpMethod.Patch, "/api/v1/accounts/update_credentials", new() { ["kindred[direct_messages]"] = "following" });
        Assert.Equal("following", updated.GetProperty("kindred").GetProperty("direct_messages").GetString());
        var json = new StringContent("{\"kindred\":{\"direct_messages\":\"nobody\"}}", System.Text.Encoding.UTF8, "application/json");
        await KindredApp.Json(await app.Api(bob).PatchAsync("/api/v1/accounts/update_credentials", json), HttpStatusCode.OK);
        Assert.Equal("nobody", (await GetAsync(bob, "/api/v1/accounts/verify_credentials")).GetProperty("kindred").GetProperty("direct_messages").GetString());

        await SendAsync(bob, HttpMethod.Patch, "/api/v1/accounts/update_credentials", new() { ["direct_messages"] = "friends" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("nobody", (await GetAsync(bob, "/api/v1/accounts/verify_credentials")).GetProperty("kindred").GetProperty("direct_messages").GetString());
        // Others never see it.
        Assert.False((await GetAsync(alice, $"/api/v1/accounts/{bobId}")).GetProperty("kindred").TryGetProperty("direct_messages", out _));
    }

    [Fact]
    public async Task ConversationsArePagedByLastStatusWithALinkHeader()
    {
        var (_, me) = await MemberAsync("cp_me");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await MemberAsync($"cp_friend{i}");
            await DirectAsync(me, $"@cp_friend{i} hello {i}");
            ids.Insert(0, Id((await ConversationsAsync(me))[0]));
        }
        var first = await app.Api(me).GetAsync("/api/v1/conversations?limit=1");
        var page = await KindredApp.Json(first, HttpStatusCode.OK);
        Assert.Equal([ids[0]], page.EnumerateArray().Select(Id));
        var link = first.Headers.GetValues("Link").Single();
        var lastStatus = page[0].GetProperty("last_status").GetProperty("id").GetString();
        Assert.Contains($"max_id={lastStatus}", link, StringComparison.Ordinal);
        var second = await ConversationsAsync(me, $"?limit=1&max_id={lastStatus}");
        Assert.Equal([ids[1]], second.EnumerateArray().Select(Id));
        var oldestStatus = (await ConversationsAsync(me, "?limit=3"))[2].GetProperty("last_status").GetProperty("id").GetString();
        Assert.Equal([ids[1]], (await ConversationsAsync(me, $"?limit=1&min_id={oldestStatus}")).EnumerateArray().Select(Id));
        Assert.Equal(0, (await ConversationsAsync(me, $"?min_id={lastStatus}")).GetArrayLength());
        Assert.False((await app.Api(me).GetAsync($"/api/v1/conversations?max_id={oldestStatus}")).Headers.Contains("Link"));
    }

    [Fact]
    public async Task ThePostingOfADirectStatusNamesTheRowsItChangedForStreaming()
    {
        var (aliceId, alice) = await MemberAsync("cc_alice");
        var (bobId, _) = await MemberAsync("cc_bob");
        await MemberAsync("cc_carol");
        var status = Id(await DirectAsync(alice, "@cc_bob hello"));
        var conversation = Id((await ConversationsAsync(alice))[0]);
        var changed = await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Conversations.ConversationQueries>().ChangedByAsync(long.Parse(status, CultureInfo.InvariantCulture)));
        Assert.Equal(
            new[] { aliceId, bobId }.Select(a => (long.Parse(conversation, CultureInfo.InvariantCulture), long.Parse(a, CultureInfo.InvariantCulture))).Order(),
            changed.Order());
        var publicPost = Id(await app.PostStatusAsync(alice, "@cc_carol in public"));
        Assert.Empty(await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Conversations.ConversationQueries>().ChangedByAsync(long.Parse(publicPost, CultureInfo.InvariantCulture))));
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/v1/conversations", "read:statuses" },
        { "POST", "/api/v1/conversations/{id}/read", "write:conversations" },
        { "DELETE", "/api/v1/conversations/{id}", "write:conversations" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachMethodNeedsItsScopeAndAUser(string method, string path, string scope)
    {
        var username = "cv_scope" + Interlocked.Increment(ref scopeUsers).ToString(CultureInfo.InvariantCulture);
        var (_, full) = await MemberAsync(username);
        await MemberAsync(username + "f");
        await DirectAsync(full, $"@{username}f hi");
        var id = Id((await ConversationsAsync(full))[0]);
        var url = path.Replace("{id}", id, StringComparison.Ordinal);
        var other = scope.StartsWith("read:", StringComparison.Ordinal) ? "write read:accounts read:lists" : "read write:statuses write:accounts";
        var lacking = await app.TokenAsync(username, other);
        HttpRequestMessage Request() => new(new HttpMethod(method), url);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(await app.AppTokenAsync("read write")).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().SendAsync(Request())).StatusCode);
        Assert.Equal(1, (await ConversationsAsync(full)).GetArrayLength());
        var right = await app.Api(await app.TokenAsync(username, scope)).SendAsync(Request());
        Assert.True(right.StatusCode == HttpStatusCode.OK, $"{method} {url} with {scope}: {(int)right.StatusCode}");
    }
}

public sealed class ConversationsSqliteTests(SqliteApp app) : ConversationsTests(app), IClassFixture<SqliteApp>;

public sealed class ConversationsPostgresTests(PostgresApp app) : ConversationsTests(app), IClassFixture<PostgresApp>;
