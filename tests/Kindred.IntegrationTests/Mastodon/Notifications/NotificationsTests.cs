using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Notifications;

public abstract class NotificationsTests(KindredApp app)
{
    private static readonly string[] NotificationKeys = ["id", "type", "group_key", "created_at", "account", "status", "report"];

    private static int scopeUsers;

    private async Task<(string Id, string Token)> MemberAsync(string username, bool locked = false)
    {
        var user = await app.CreateUserAsync(username);
        if (locked)
        {
            await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Locked, true)));
        }
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username));
    }

    private async Task<JsonElement> PostAsync(string token, string path, Dictionary<string, string>? form = null) =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, new FormUrlEncodedContent(form ?? [])), HttpStatusCode.OK);

    private async Task<JsonElement> GetAsync(string token, string path) =>
        await KindredApp.Json(await app.Api(token).GetAsync(path), HttpStatusCode.OK);

    private async Task<List<(string Type, string Account, string? Status)>> NotificationsAsync(string token, string query = "")
    {
        var list = await GetAsync(token, "/api/v1/notifications" + query);
        return list.EnumerateArray().Select(n => (
            n.GetProperty("type").GetString()!,
            n.GetProperty("account").GetProperty("acct").GetString()!,
            n.GetProperty("status").ValueKind == JsonValueKind.Null ? null : n.GetProperty("status").GetProperty("id").GetString())).ToList();
    }

    private static string Id(JsonElement status) => status.GetProperty("id").GetString()!;

    [Fact]
    public async Task EachActionNotifiesItsTargetExactlyOnce()
    {
        var (targetId, target) = await MemberAsync("nt_target");
        var (_, actor) = await MemberAsync("nt_actor");
        var (lockedId, locked) = await MemberAsync("nt_locked", locked: true);

        await PostAsync(actor, $"/api/v1/accounts/{targetId}/follow");
        await PostAsync(actor, $"/api/v1/accounts/{targetId}/follow");
        var post = Id(await app.PostStatusAsync(target, "a post to act on"));
        await PostAsync(actor, $"/api/v1/statuses/{post}/favourite");
        await PostAsync(actor, $"/api/v1/statuses/{post}/favourite");
        await PostAsync(actor, $"/api/v1/statuses/{post}/reblog");
        await PostAsync(actor, $"/api/v1/statuses/{post}/reblog");
        var mention = Id(await app.PostStatusAsync(actor, "hello @nt_target"));
        await PostAsync(actor, $"/api/v1/accounts/{lockedId}/follow");

        Assert.Equal(
            [("mention", "nt_actor", mention), ("reblog", "nt_actor", post), ("favourite", "nt_actor", post), ("follow", "nt_actor", null)],
            await NotificationsAsync(target));
        Assert.Equal([("follow_request", "nt_actor", null)], await NotificationsAsync(locked));
        // Once the request is decided, its notification goes, as on Mastodon.
        var actorId = (await GetAsync(actor, "/api/v1/accounts/verify_credentials")).GetProperty("id").GetString();
        await PostAsync(locked, $"/api/v1/follow_requests/{actorId}/authorize");
        Assert.Empty(await NotificationsAsync(locked));
        var first = (await GetAsync(target, "/api/v1/notifications"))[0];
        foreach (var key in NotificationKeys)
        {
            Assert.True(first.TryGetProperty(key, out _), $"Notification lacks {key}");
        }
        Assert.Equal("ungrouped-" + first.GetProperty("id").GetString(), first.GetProperty("group_key").GetString());
        Assert.Contains("hello", first.GetProperty("status").GetProperty("content").GetString(), StringComparison.Ordinal);
        var one = await GetAsync(target, $"/api/v1/notifications/{first.GetProperty("id").GetString()}");
        Assert.Equal("mention", one.GetProperty("type").GetString());
        Assert.Empty(await NotificationsAsync(actor));
    }

    [Fact]
    public async Task SubscribersHearOfNewPostsAndBoostersOfEdits()
    {
        var (authorId, author) = await MemberAsync("ns_author");
        var (_, subscriber) = await MemberAsync("ns_subscriber");
        var (_, plain) = await MemberAsync("ns_plain");
        await PostAsync(subscriber, $"/api/v1/accounts/{authorId}/follow", new() { ["notify"] = "true" });
        await PostAsync(plain, $"/api/v1/accounts/{authorId}/follow");
        var post = Id(await app.PostStatusAsync(author, "news"));
        await app.PostStatusAsync(author, "@ns_plain only for you", "direct");
        Assert.Equal([("status", "ns_author", post)], await NotificationsAsync(subscriber));

        await PostAsync(plain, $"/api/v1/statuses/{post}/reblog");
        await KindredApp.Json(await app.Api(author).PutAsync($"/api/v1/statuses/{post}", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "news, corrected" })), HttpStatusCode.OK);
        var plainNotes = await NotificationsAsync(plain);
        Assert.Equal(("update", "ns_author", post), plainNotes[0]);
        Assert.Equal("mention", plainNotes[1].Type);
        Assert.Equal(2, plainNotes.Count);
        Assert.Single(await NotificationsAsync(subscriber));
    }

    [Fact]
    public async Task OwnActionsBlockedAndMutedAccountsNotifyNobody()
    {
        var (meId, me) = await MemberAsync("nb_me");
        var (blockedId, blocked) = await MemberAsync("nb_blocked");
        var (mutedId, muted) = await MemberAsync("nb_muted");
        var (quietId, quiet) = await MemberAsync("nb_quiet");
        var post = Id(await app.PostStatusAsync(me, "mine"));
        await PostAsync(me, $"/api/v1/statuses/{post}/favourite");
        await PostAsync(me, $"/api/v1/statuses/{post}/reblog");
        await app.PostStatusAsync(me, "talking to @nb_me myself");

        await PostAsync(me, $"/api/v1/accounts/{blockedId}/block");
        await PostAsync(me, $"/api/v1/accounts/{mutedId}/mute");
        await PostAsync(me, $"/api/v1/accounts/{quietId}/mute", new() { ["notifications"] = "false" });
        await app.PostStatusAsync(blocked, "hey @nb_me");
        await app.PostStatusAsync(muted, "hey @nb_me");
        await PostAsync(muted, $"/api/v1/statuses/{post}/favourite");
        await PostAsync(muted, $"/api/v1/accounts/{meId}/follow");
        var fromQuiet = Id(await app.PostStatusAsync(quiet, "hey @nb_me"));

        // Muting without notifications keeps them, as Mastodon's "mute notifications" switch does.
        Assert.Equal([("mention", "nb_quiet", fromQuiet)], await NotificationsAsync(me));
    }

    [Fact]
    public async Task BlockingHidesWhatTheBlockedAccountDidBefore()
    {
        var (meId, me) = await MemberAsync("nk_me");
        var (otherId, other) = await MemberAsync("nk_other");
        await PostAsync(other, $"/api/v1/accounts/{meId}/follow");
        Assert.Single(await NotificationsAsync(me));
        await PostAsync(me, $"/api/v1/accounts/{otherId}/block");
        Assert.Empty(await NotificationsAsync(me));
        await PostAsync(me, $"/api/v1/accounts/{otherId}/unblock");
        Assert.Single(await NotificationsAsync(me));
    }

    [Fact]
    public async Task NotificationsAboutAStatusDisappearWhenTheRecipientMayNoLongerReadIt()
    {
        var (_, reader) = await MemberAsync("nv_reader");
        var (_, author) = await MemberAsync("nv_author");
        var post = Id(await app.PostStatusAsync(author, "hi @nv_reader"));
        Assert.Single(await NotificationsAsync(reader));
        await KindredApp.Json(await app.Api(author).DeleteAsync($"/api/v1/statuses/{post}"), HttpStatusCode.OK);
        Assert.Empty(await NotificationsAsync(reader));
    }

    [Fact]
    public async Task TypesExcludeTypesAndAccountIdFilterTheList()
    {
        var (meId, me) = await MemberAsync("nf_me");
        var (aId, a) = await MemberAsync("nf_a");
        var (_, b) = await MemberAsync("nf_b");
        await PostAsync(a, $"/api/v1/accounts/{meId}/follow");
        await PostAsync(b, $"/api/v1/accounts/{meId}/follow");
        var post = Id(await app.PostStatusAsync(me, "post"));
        await PostAsync(a, $"/api/v1/statuses/{post}/favourite");
        await app.PostStatusAsync(b, "hi @nf_me");

        Assert.Equal(["follow", "follow"], (await NotificationsAsync(me, "?types[]=follow")).Select(n => n.Type));
        Assert.Equal(["mention", "favourite"], (await NotificationsAsync(me, "?types[]=mention&types[]=favourite")).Select(n => n.Type));
        Assert.Equal(["mention", "favourite"], (await NotificationsAsync(me, "?exclude_types[]=follow")).Select(n => n.Type));
        Assert.Equal(["favourite", "follow"], (await NotificationsAsync(me, $"?account_id={aId}")).Select(n => n.Type));
        Assert.Empty(await NotificationsAsync(me, "?types[]=poll"));

        var page = await app.Api(me).GetAsync("/api/v1/notifications?limit=2&exclude_types[]=mention");
        var link = page.Headers.GetValues("Link").Single();
        Assert.Contains("exclude_types", link, StringComparison.Ordinal);
        var ids = (await KindredApp.Json(page, HttpStatusCode.OK)).EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
        Assert.Contains($"max_id={ids[1]}", link, StringComparison.Ordinal);
        var older = await GetAsync(me, $"/api/v1/notifications?limit=2&exclude_types[]=mention&max_id={ids[1]}");
        Assert.Equal(1, older.GetArrayLength());
        var newer = await GetAsync(me, $"/api/v1/notifications?limit=1&min_id={older[0].GetProperty("id").GetString()}");
        Assert.Equal(ids[1], newer[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task DismissClearAndUnreadCountFollowTheMarker()
    {
        var (meId, me) = await MemberAsync("nd_me");
        var (_, other) = await MemberAsync("nd_other");
        var (_, stranger) = await MemberAsync("nd_stranger");
        await PostAsync(other, $"/api/v1/accounts/{meId}/follow");
        await app.PostStatusAsync(other, "one @nd_me");
        await app.PostStatusAsync(other, "two @nd_me");
        Assert.Equal(3, (await GetAsync(me, "/api/v1/notifications/unread_count")).GetProperty("count").GetInt32());
        Assert.Equal(2, (await GetAsync(me, "/api/v1/notifications/unread_count?limit=2")).GetProperty("count").GetInt32());

        var list = await GetAsync(me, "/api/v1/notifications");
        var newest = list[0].GetProperty("id").GetString()!;
        var middle = list[1].GetProperty("id").GetString()!;
        await PostAsync(me, "/api/v1/markers", new() { ["notifications[last_read_id]"] = middle });
        Assert.Equal(1, (await GetAsync(me, "/api/v1/notifications/unread_count")).GetProperty("count").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(stranger).PostAsync($"/api/v1/notifications/{newest}/dismiss", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(stranger).GetAsync($"/api/v1/notifications/{newest}")).StatusCode);
        await PostAsync(me, $"/api/v1/notifications/{newest}/dismiss");
        Assert.Equal(2, (await GetAsync(me, "/api/v1/notifications")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(me).GetAsync($"/api/v1/notifications/{newest}")).StatusCode);
        await PostAsync(me, "/api/v1/notifications/clear");
        Assert.Equal(0, (await GetAsync(me, "/api/v1/notifications")).GetArrayLength());
        Assert.Equal(0, (await GetAsync(me, "/api/v1/notifications/unread_count")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task MarkersRoundTripAndCountVersions()
    {
        var (_, me) = await MemberAsync("mk_me");
        Assert.Equal(JsonValueKind.Object, (await GetAsync(me, "/api/v1/markers?timeline[]=home")).ValueKind);
        Assert.Empty((await GetAsync(me, "/api/v1/markers?timeline[]=home")).EnumerateObject());
        var saved = await PostAsync(me, "/api/v1/markers", new() { ["home[last_read_id]"] = "103", ["notifications[last_read_id]"] = "7" });
        Assert.Equal("103", saved.GetProperty("home").GetProperty("last_read_id").GetString());
        Assert.Equal(1, saved.GetProperty("home").GetProperty("version").GetInt32());
        var again = await KindredApp.Json(await app.Api(me).PostAsync("/api/v1/markers", JsonContent("{\"home\":{\"last_read_id\":\"205\"}}")), HttpStatusCode.OK);
        Assert.Equal(2, again.GetProperty("home").GetProperty("version").GetInt32());
        Assert.False(again.TryGetProperty("notifications", out _));

        var both = await GetAsync(me, "/api/v1/markers?timeline[]=home&timeline[]=notifications");
        Assert.Equal("205", both.GetProperty("home").GetProperty("last_read_id").GetString());
        Assert.Equal(2, both.GetProperty("home").GetProperty("version").GetInt32());
        Assert.True(both.GetProperty("home").TryGetProperty("updated_at", out _));
        Assert.Equal("7", both.GetProperty("notifications").GetProperty("last_read_id").GetString());
        Assert.Equal(1, both.GetProperty("notifications").GetProperty("version").GetInt32());
        Assert.False((await GetAsync(me, "/api/v1/markers?timeline[]=notifications")).TryGetProperty("home", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(me).PostAsync("/api/v1/markers", new FormUrlEncodedContent(new Dictionary<string, string> { ["home[last_read_id]"] = "abc" }))).StatusCode);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static TheoryData<string, string, string> ScopedEndpoints => new()
    {
        { "GET", "/api/v1/notifications", "read:notifications" },
        { "GET", "/api/v1/notifications/{id}", "read:notifications" },
        { "GET", "/api/v1/notifications/unread_count", "read:notifications" },
        { "POST", "/api/v1/notifications/{id}/dismiss", "write:notifications" },
        { "POST", "/api/v1/notifications/clear", "write:notifications" },
        { "GET", "/api/v1/markers?timeline[]=home", "read:statuses" },
        { "POST", "/api/v1/markers", "write:statuses" },
        { "GET", "/api/v1/timelines/home", "read:statuses" },
    };

    [Theory]
    [MemberData(nameof(ScopedEndpoints))]
    public async Task ATokenWithoutTheScopeIsRefusedWith403AndChangesNothing(string method, string path, string scope)
    {
        var n = Interlocked.Increment(ref scopeUsers).ToString(CultureInfo.InvariantCulture);
        var (meId, full) = await MemberAsync("nsc" + n);
        var (_, other) = await MemberAsync("nso" + n);
        await PostAsync(other, $"/api/v1/accounts/{meId}/follow");
        var id = (await GetAsync(full, "/api/v1/notifications"))[0].GetProperty("id").GetString()!;
        string[] all = ["read:statuses", "read:notifications", "read:accounts", "write:statuses", "write:notifications", "write:accounts"];
        var lacking = await app.TokenAsync("nsc" + n, string.Join(' ', all.Where(s => s != scope)));
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal))
        {
            Content = method == "POST" ? new FormUrlEncodedContent(new Dictionary<string, string> { ["home[last_read_id]"] = "1" }) : null,
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).SendAsync(request)).StatusCode);
        Assert.Equal(1, (await GetAsync(full, "/api/v1/notifications")).GetArrayLength());
        Assert.Empty((await GetAsync(full, "/api/v1/markers?timeline[]=home")).EnumerateObject());
    }
}

public sealed class NotificationsSqliteTests(SqliteApp app) : NotificationsTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationsPostgresTests(PostgresApp app) : NotificationsTests(app), IClassFixture<PostgresApp>;
