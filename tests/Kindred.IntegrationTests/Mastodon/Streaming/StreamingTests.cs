using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Streaming;

/// <summary>The streaming API: what arrives, what never arrives, and who is disconnected.</summary>
public abstract class StreamingTests(KindredApp app)
{
    private async Task<(string Id, string Token)> MemberAsync(string username, string scopes = "read write follow push")
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username, scopes));
    }

    private async Task<JsonElement> PostAsync(string token, string path, Dictionary<string, string>? form = null) =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, new FormUrlEncodedContent(form ?? [])), HttpStatusCode.OK);

    private static string Id(JsonElement status) => status.GetProperty("id").GetString()!;

    private static JsonElement Parse(string payload) => JsonDocument.Parse(payload).RootElement.Clone();

    [Fact]
    public async Task HealthAnswersOk()
    {
        var response = await app.Api().GetAsync("/api/v1/streaming/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AFollowedAccountsPostArrivesOnTheUserStreamRenderedLikeTheApi()
    {
        var (_, reader) = await MemberAsync("st_reader");
        var (authorId, author) = await MemberAsync("st_author");
        await PostAsync(reader, $"/api/v1/accounts/{authorId}/follow");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=user", bearer: reader);
        var posted = await app.PostStatusAsync(author, "hello #live", "private");

        var (name, eventName, payload) = await stream.NextEventAsync();
        Assert.Equal("user", name);
        Assert.Equal("update", eventName);
        var status = Parse(payload);
        Assert.Equal(Id(posted), Id(status));
        var rest = await KindredApp.Json(await app.Api(reader).GetAsync($"/api/v1/statuses/{Id(posted)}"), HttpStatusCode.OK);
        Assert.Equal(rest.GetProperty("content").GetString(), status.GetProperty("content").GetString());
        Assert.Equal("private", status.GetProperty("visibility").GetString());
        Assert.Equal("st_author", status.GetProperty("account").GetProperty("username").GetString());
    }

    [Fact]
    public async Task NothingTheMemberMayNotSeeArrivesOnAnyStream()
    {
        var (readerId, reader) = await MemberAsync("sv_reader");
        var (friendId, friend) = await MemberAsync("sv_friend");
        var (_, stranger) = await MemberAsync("sv_stranger");
        var (blockedId, blocked) = await MemberAsync("sv_blocked");
        var (_, blocker) = await MemberAsync("sv_blocker");
        var (mutedId, muted) = await MemberAsync("sv_muted");
        await PostAsync(reader, $"/api/v1/accounts/{friendId}/follow");
        await PostAsync(reader, $"/api/v1/accounts/{blockedId}/follow");
        await PostAsync(reader, $"/api/v1/accounts/{mutedId}/follow");
        await PostAsync(reader, $"/api/v1/accounts/{blockedId}/block");
        await PostAsync(blocker, $"/api/v1/accounts/{readerId}/block");
        await PostAsync(reader, $"/api/v1/accounts/{mutedId}/mute");

        await using var stream = await StreamClient.ConnectAsync(app, "?stream=user", bearer: reader);
        await stream.SendAndSyncAsync(new { type = "subscribe", stream = "public" });
        await stream.SendAndSyncAsync(new { type = "subscribe", stream = "hashtag", tag = "Matrix" });
        await stream.SendAndSyncAsync(new { type = "subscribe", stream = "direct" });

        // None of these may reach the reader, on any stream.
        await app.PostStatusAsync(stranger, "stranger followers-only #matrix", "private");
        await app.PostStatusAsync(stranger, "stranger direct to nobody #matrix", "direct");
        await app.PostStatusAsync(friend, "friend direct to someone else @sv_stranger", "direct");
        await app.PostStatusAsync(blocked, "blocked public #matrix");
        await app.PostStatusAsync(blocker, "blocker public #matrix");
        await app.PostStatusAsync(muted, "muted public #matrix");
        await app.PostStatusAsync(stranger, "stranger unlisted #matrix", "unlisted");
        // Public, so it is on the public stream; its boost by a muted account is not on the user stream.
        var strangerPublic = Id(await app.PostStatusAsync(stranger, "stranger public"));
        await PostAsync(muted, $"/api/v1/statuses/{strangerPublic}/reblog");

        var friendPublic = Id(await app.PostStatusAsync(friend, "friend public #Matrix"));
        var membersOnly = Id(await app.PostStatusAsync(stranger, "stranger members only", "members_only"));
        var direct = Id(await app.PostStatusAsync(stranger, "direct to @sv_reader", "direct"));
        var followersOnly = Id(await app.PostStatusAsync(friend, "friend followers only", "private"));

        var received = new List<(string Stream, string Event, string StatusId)>();
        for (var i = 0; i < 9; i++)
        {
            var (name, eventName, payload) = await stream.NextEventAsync();
            var entity = Parse(payload);
            received.Add((name, eventName, Id(eventName switch
            {
                "notification" => entity.GetProperty("status"),
                "conversation" => entity.GetProperty("last_status"),
                _ => entity,
            })));
        }
        Assert.Equal(
            [
                ("public", "update", strangerPublic),
                ("user", "update", friendPublic),
                ("public", "update", friendPublic),
                ("hashtag matrix", "update", friendPublic),
                ("public", "update", membersOnly),
            ],
            received[..5]);
        // The direct post, its conversation and its mention notification come from one commit, in any order.
        Assert.Equal(
            new HashSet<(string, string, string)> { ("direct", "update", direct), ("direct", "conversation", direct), ("user", "notification", direct) },
            received[5..8].ToHashSet());
        Assert.Equal(("user", "update", followersOnly), received[8]);
    }

    [Fact]
    public async Task AMentionArrivesAsANotificationOnTheNotificationStreamWithTheTokenInTheQuery()
    {
        var (_, reader) = await MemberAsync("sn_reader");
        var (_, author) = await MemberAsync("sn_author");
        await using var stream = await StreamClient.ConnectAsync(app, $"?stream=user:notification&access_token={reader}");
        await app.PostStatusAsync(author, "hi @sn_reader, public post that is not in your home");
        var (name, eventName, payload) = await stream.NextEventAsync();
        Assert.Equal(("user:notification", "notification"), (name, eventName));
        var notification = Parse(payload);
        Assert.Equal("mention", notification.GetProperty("type").GetString());
        Assert.Equal("sn_author", notification.GetProperty("account").GetProperty("username").GetString());
    }

    [Fact]
    public async Task ATokenWithoutTheNotificationsScopeGetsNoNotificationsOnTheUserStream()
    {
        var (_, reader) = await MemberAsync("sq_reader", "read:statuses write");
        var (_, author) = await MemberAsync("sq_author");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=user", bearer: reader);
        await app.PostStatusAsync(author, "hi @sq_reader", "direct");
        var own = await app.PostStatusAsync(reader, "my own post");
        var (name, eventName, payload) = await stream.NextEventAsync();
        Assert.Equal(("user", "update", Id(own)), (name, eventName, Id(Parse(payload))));
    }

    [Fact]
    public async Task EditsAndDeletionsReachThoseWhoSawThePost()
    {
        var (_, reader) = await MemberAsync("se_reader");
        var (authorId, author) = await MemberAsync("se_author");
        await PostAsync(reader, $"/api/v1/accounts/{authorId}/follow");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=user", bearer: reader);
        var id = Id(await app.PostStatusAsync(author, "first words"));
        Assert.Equal("update", (await stream.NextEventAsync()).Event);

        var edit = await app.Api(author).PutAsync($"/api/v1/statuses/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "better words" }));
        await KindredApp.Json(edit, HttpStatusCode.OK);
        var (_, editEvent, editPayload) = await stream.NextEventAsync();
        Assert.Equal("status.update", editEvent);
        Assert.Contains("better words", Parse(editPayload).GetProperty("content").GetString(), StringComparison.Ordinal);

        await KindredApp.Json(await app.Api(author).DeleteAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        var (name, deleteEvent, deletePayload) = await stream.NextEventAsync();
        Assert.Equal(("user", "delete", id), (name, deleteEvent, deletePayload));
    }

    [Fact]
    public async Task AFailedWriteStreamsNothing()
    {
        var (_, reader) = await MemberAsync("sf_reader");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=public", bearer: reader);
        var tooLong = await app.Api(reader).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = new string('x', 5001) }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        var ok = await app.PostStatusAsync(reader, "the only post");
        var (_, _, payload) = await stream.NextEventAsync();
        Assert.Equal(Id(ok), Id(Parse(payload)));
    }

    [Fact]
    public async Task SubscribeAndUnsubscribeMessagesChangeWhatArrives()
    {
        var (_, reader) = await MemberAsync("ss_reader");
        var (_, author) = await MemberAsync("ss_author");
        await using var stream = await StreamClient.ConnectAsync(app, "", bearer: reader);
        await stream.SendAndSyncAsync(new { type = "subscribe", stream = "hashtag", tag = "Garden" });
        var first = await app.PostStatusAsync(author, "#garden news");
        var (name, _, payload) = await stream.NextEventAsync();
        Assert.Equal("hashtag garden", name);
        Assert.Equal(Id(first), Id(Parse(payload)));

        await stream.SendAndSyncAsync(new { type = "unsubscribe", stream = "hashtag", tag = "garden" });
        await stream.SendAndSyncAsync(new { type = "subscribe", stream = "public:local" });
        await app.PostStatusAsync(author, "#garden more news", "unlisted");
        var last = await app.PostStatusAsync(author, "plain public");
        var (lastName, _, lastPayload) = await stream.NextEventAsync();
        Assert.Equal("public:local", lastName);
        Assert.Equal(Id(last), Id(Parse(lastPayload)));

        await stream.SendAsync(new { type = "subscribe", stream = "nonsense" });
        var error = await stream.NextAsync();
        Assert.Equal(400, error.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task TheTokenMayComeAsTheSubprotocolWhichTheServerEchoes()
    {
        var (_, reader) = await MemberAsync("sp_reader");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=public", protocol: reader);
        Assert.Equal(reader, stream.Socket.SubProtocol);
        var posted = await app.PostStatusAsync(reader, "through the subprotocol");
        Assert.Equal(Id(posted), Id(Parse((await stream.NextEventAsync()).Payload)));
    }

    [Theory]
    [InlineData("?stream=user&access_token=not-a-token", HttpStatusCode.Unauthorized)]
    [InlineData("?stream=user", HttpStatusCode.Unauthorized)]
    public async Task ABadOrMissingTokenIsRefusedBeforeTheHandshake(string query, HttpStatusCode expected)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => StreamClient.ConnectAsync(app, query));
        Assert.Contains(((int)expected).ToString(CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
        var sse = await app.Api().GetAsync("/api/v1/streaming/user" + query.Replace("?stream=user", "?", StringComparison.Ordinal));
        Assert.Equal(expected, sse.StatusCode);
    }

    [Fact]
    public async Task AListStreamCarriesThePostsOfTheListsMembersOnlyAndOnlyToItsOwner()
    {
        var (_, reader) = await MemberAsync("sl_reader");
        var (_, other) = await MemberAsync("sl_other");
        var (inListId, inList) = await MemberAsync("sl_inlist");
        var (outsideId, outside) = await MemberAsync("sl_outside");
        await PostAsync(reader, $"/api/v1/accounts/{inListId}/follow");
        await PostAsync(reader, $"/api/v1/accounts/{outsideId}/follow");
        var list = Id(await PostAsync(reader, "/api/v1/lists", new() { ["title"] = "Neighbours" }));
        await PostAsync(reader, $"/api/v1/lists/{list}/accounts", new() { ["account_ids[]"] = inListId });
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(other).GetAsync($"/api/v1/streaming/list?list={list}")).StatusCode);

        await using var stream = await StreamClient.ConnectAsync(app, $"?stream=list&list={list}", bearer: reader);
        await app.PostStatusAsync(outside, "not in the list", "public");
        var posted = Id(await app.PostStatusAsync(inList, "in the list", "private"));

        var (name, eventName, payload) = await stream.NextEventAsync();
        Assert.Equal($"list {list}", name);
        Assert.Equal("update", eventName);
        Assert.Equal(posted, Id(Parse(payload)));
    }

    [Fact]
    public async Task ADirectMessageArrivesOnTheDirectStreamAsAConversation()
    {
        var (_, reader) = await MemberAsync("sc_reader");
        var (_, sender) = await MemberAsync("sc_sender");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=direct", bearer: reader);
        var posted = Id(await app.PostStatusAsync(sender, "just between us @sc_reader", "direct"));

        var events = new List<(string Stream, string Event, string Payload)> { await stream.NextEventAsync(), await stream.NextEventAsync() };
        Assert.All(events, e => Assert.Equal("direct", e.Stream));
        Assert.Equal(posted, Id(Parse(events.Single(e => e.Event == "update").Payload)));
        var conversation = Parse(events.Single(e => e.Event == "conversation").Payload);
        Assert.True(conversation.GetProperty("unread").GetBoolean());
        Assert.Equal(posted, Id(conversation.GetProperty("last_status")));
        Assert.Equal("sc_sender", conversation.GetProperty("accounts")[0].GetProperty("username").GetString());
    }

    [Fact]
    public async Task AnAppTokenAnUnknownStreamAndAnUnknownListAreRefused()
    {
        var (_, reader) = await MemberAsync("sr_reader");
        var appToken = await app.AppTokenAsync("read");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(appToken).GetAsync("/api/v1/streaming/public")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Api(reader).GetAsync("/api/v1/streaming?stream=everything")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Api(reader).GetAsync("/api/v1/streaming/hashtag")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(reader).GetAsync("/api/v1/streaming/list?list=123")).StatusCode);
    }

    [Theory]
    [InlineData("read:notifications", "user", HttpStatusCode.Forbidden)]
    [InlineData("read:statuses", "user:notification", HttpStatusCode.Forbidden)]
    [InlineData("write", "public", HttpStatusCode.Forbidden)]
    [InlineData("read:notifications", "user:notification", HttpStatusCode.OK)]
    [InlineData("read:statuses", "public", HttpStatusCode.OK)]
    public async Task StreamingScopeMatrix(string scope, string stream, HttpStatusCode expected)
    {
        var name = "sm_" + Guid.NewGuid().ToString("N")[..8];
        var (_, token) = await MemberAsync(name, scope);
        using var response = await app.Api(token).GetAsync("/api/v1/streaming?stream=" + stream, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ARevokedTokenIsDisconnectedAtOnce()
    {
        await app.CreateUserAsync("sk_reader");
        var (clientId, secret) = await app.RegisterAppAsync();
        var grant = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["username"] = "sk_reader",
            ["password"] = KindredApp.Password,
            ["scope"] = "read",
        }));
        var token = (await KindredApp.Json(grant, HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=user", bearer: token);
        var started = DateTime.UtcNow;
        var revoke = await app.Api().PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["token"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await stream.ClosedAsync());
        // The revocation itself announces the change; the periodic check (5 s) is only the fallback.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), $"Closed after {DateTime.UtcNow - started}");
    }

    [Fact]
    public async Task ADisabledMemberIsDisconnected()
    {
        var (readerId, reader) = await MemberAsync("sd_reader");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=public", bearer: reader);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.FirstAsync(u => u.Id == long.Parse(readerId, CultureInfo.InvariantCulture));
            user.Status = UserStatus.Disabled;
            await db.SaveChangesAsync();
        });
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await stream.ClosedAsync());
    }

    [Fact]
    public async Task TheEventStreamOfTheUserStreamReceivesAnUpdate()
    {
        var (_, reader) = await MemberAsync("sse_reader");
        using var client = app.Api(reader);
        using var response = await client.GetAsync("/api/v1/streaming/user", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStreamAsync();
        using var timeout = new CancellationTokenSource(StreamClient.Patience);
        // Byte for byte as Mastodon's streaming server: ":)" and one newline, then the event with no blank line before it
        // (Mastodon.py's listener failed on the blank line, ADR 77).
        var opening = new byte[3];
        await body.ReadExactlyAsync(opening, timeout.Token);
        Assert.Equal(":)\n", System.Text.Encoding.UTF8.GetString(opening));
        using var reader2 = new StreamReader(body);
        var posted = await app.PostStatusAsync(reader, "my own post reaches my own home");
        string? line;
        do
        {
            line = await reader2.ReadLineAsync(timeout.Token);
        }
        while (line == ":thump");
        Assert.Equal("event: update", line);
        var data = await reader2.ReadLineAsync(timeout.Token);
        Assert.StartsWith("data: ", data, StringComparison.Ordinal);
        Assert.Equal(Id(posted), Id(Parse(data!["data: ".Length..])));
        Assert.Equal("", await reader2.ReadLineAsync(timeout.Token));
    }
}

public sealed class StreamingSqliteTests(SqliteApp app) : StreamingTests(app), IClassFixture<SqliteApp>;

public sealed class StreamingPostgresTests(PostgresApp app) : StreamingTests(app), IClassFixture<PostgresApp>;
