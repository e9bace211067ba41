using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Groups;

/// <summary>
/// The visibility matrix of groups: group visibility (public, members-only, secret) × the viewer's state (anonymous,
/// non-member, requested, member, moderator, banned) × every read path (the group, its feed, its members, the post, a
/// thread, the author's profile, home, public and hashtag timelines, search, notifications, relationships). Zero leaks:
/// each cell asserts both what must be seen and what must not.
/// </summary>
public abstract class GroupVisibilityMatrixTests(KindredApp app)
{
    private static readonly string[] States = ["anonymous", "nonmember", "requested", "member", "moderator", "banned"];

    private sealed record World(string Group, string Post, string Outside, string Reply, string AuthorId, string Tag, string Word, Dictionary<string, (string Id, string? Token)> Viewers);

    private async Task<JsonElement> SendAsync(string? token, HttpMethod method, string path, IEnumerable<(string Key, string Value)>? form = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = form is null ? null : new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        };
        return await KindredApp.Json(await app.Api(token).SendAsync(request), expected);
    }

    private Task<JsonElement> PostAsync(string token, string path, params (string, string)[] form) => SendAsync(token, HttpMethod.Post, path, form);

    private async Task<HttpStatusCode> StatusOfAsync(string? token, string path) => (await app.Api(token).GetAsync(path)).StatusCode;

    private async Task<List<string>> IdsAsync(string? token, string path) =>
        (await SendAsync(token, HttpMethod.Get, path)).EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;

    private async Task<World> BuildAsync(string visibility, string prefix = "gm")
    {
        prefix += visibility[..3];
        var author = await app.CreateUserAsync(prefix + "_author");
        var authorToken = await app.TokenAsync(author.UserName!);
        var viewers = new Dictionary<string, (string Id, string? Token)> { ["anonymous"] = ("", null) };
        foreach (var state in States.Skip(1))
        {
            var user = await app.CreateUserAsync($"{prefix}_{state}");
            var token = await app.TokenAsync(user.UserName!);
            viewers[state] = (user.Id.ToString(CultureInfo.InvariantCulture), token);
            // Everyone follows the author, so the home timeline is a read path for each of them.
            await PostAsync(token, $"/api/v1/accounts/{author.Id}/follow");
        }
        // Requests need a group people can see; a secret group becomes secret once its people are in place.
        var group = Id(await PostAsync(authorToken, "/api/v1/groups", ("display_name", $"Matrix {visibility}"), ("join_policy", "approval"),
            ("visibility", visibility == "public" ? "public" : "members_only")));
        foreach (var state in new[] { "requested", "member", "moderator", "banned" })
        {
            await PostAsync(viewers[state].Token!, $"/api/v1/groups/{group}/join");
        }
        foreach (var state in new[] { "member", "moderator", "banned" })
        {
            await PostAsync(authorToken, $"/api/v1/groups/{group}/membership_requests/{viewers[state].Id}/authorize");
        }
        await PostAsync(authorToken, $"/api/v1/groups/{group}/promote", ("account_ids[]", viewers["moderator"].Id), ("role", "moderator"));
        await PostAsync(authorToken, $"/api/v1/groups/{group}/blocks", ("account_ids[]", viewers["banned"].Id));
        if (visibility == "secret")
        {
            await SendAsync(authorToken, HttpMethod.Put, $"/api/v1/groups/{group}", [("visibility", "secret")]);
        }
        var tag = prefix + "matrix" + visibility.Replace("_", "", StringComparison.Ordinal);
        var word = prefix + "quokka" + visibility.Replace("_", "", StringComparison.Ordinal);
        var mentions = string.Join(' ', States.Skip(1).Select(s => $"@{prefix}_{s}"));
        var post = Id(await PostAsync(authorToken, "/api/v1/statuses", ("status", $"{word} #{tag} {mentions}"), ("group_id", group)));
        // A public post outside the group, answered by a member inside the group: the thread must not show the answer
        // to anyone who may not read the group.
        var outside = Id(await PostAsync(authorToken, "/api/v1/statuses", ("status", "Outside any group")));
        var reply = Id(await PostAsync(viewers["member"].Token!, "/api/v1/statuses", ("status", "Answered in the group"), ("in_reply_to_id", outside), ("group_id", group)));
        return new World(group, post, outside, reply, author.Id.ToString(CultureInfo.InvariantCulture), tag, word, viewers);
    }

    private static bool SeesGroup(string visibility, string state) => visibility switch
    {
        "public" => true,
        "members_only" => state != "anonymous",
        _ => state is "member" or "moderator",
    };

    private static bool ReadsPosts(string visibility, string state) => visibility == "public" || state is "member" or "moderator";

    [Theory]
    [InlineData("public")]
    [InlineData("members_only")]
    [InlineData("secret")]
    public async Task EveryReadPathShowsAGroupAndItsPostsToExactlyThoseAllowed(string visibility)
    {
        var world = await BuildAsync(visibility);
        foreach (var state in States)
        {
            var token = world.Viewers[state].Token;
            var sees = SeesGroup(visibility, state);
            var reads = ReadsPosts(visibility, state);
            var cell = $"{visibility} × {state}";
            void Check(bool expected, bool actual, string path) => Assert.True(expected == actual, $"{cell}: {path} should {(expected ? "" : "not ")}show it");

            Check(sees, await StatusOfAsync(token, $"/api/v1/groups/{world.Group}") == HttpStatusCode.OK, "GET group");
            Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, await StatusOfAsync(token, $"/api/v1/groups/{world.Group}"));
            if (sees)
            {
                Check(reads, (await IdsAsync(token, $"/api/v1/timelines/group/{world.Group}")).Contains(world.Post), "group timeline");
                var members = await StatusOfAsync(token, $"/api/v1/groups/{world.Group}/memberships");
                Assert.True((visibility == "public" || reads ? HttpStatusCode.OK : HttpStatusCode.Forbidden) == members, $"{cell}: memberships answered {members}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(token, $"/api/v1/timelines/group/{world.Group}"));
                Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(token, $"/api/v1/groups/{world.Group}/memberships"));
            }
            Assert.Equal(reads ? HttpStatusCode.OK : HttpStatusCode.NotFound, await StatusOfAsync(token, $"/api/v1/statuses/{world.Post}"));
            Assert.Equal(reads ? HttpStatusCode.OK : HttpStatusCode.NotFound, await StatusOfAsync(token, $"/api/v1/statuses/{world.Reply}/context"));
            var context = await SendAsync(token, HttpMethod.Get, $"/api/v1/statuses/{world.Outside}/context");
            Check(reads, context.GetProperty("descendants").EnumerateArray().Any(s => Id(s) == world.Reply), "thread of an outside post");
            Check(reads, (await IdsAsync(token, $"/api/v1/accounts/{world.AuthorId}/statuses")).Contains(world.Post), "author's statuses");
            Check(reads, (await IdsAsync(token, "/api/v1/timelines/public")).Contains(world.Post), "public timeline");
            Check(reads, (await IdsAsync(token, $"/api/v1/timelines/tag/{world.Tag}")).Contains(world.Post), "hashtag timeline");
            if (token is null)
            {
                continue;
            }
            Check(reads, (await IdsAsync(token, "/api/v1/timelines/home")).Contains(world.Post), "home timeline");
            var search = await SendAsync(token, HttpMethod.Get, $"/api/v2/search?q={world.Word}&type=statuses");
            Check(reads, search.GetProperty("statuses").EnumerateArray().Any(s => Id(s) == world.Post), "search");
            var notifications = await SendAsync(token, HttpMethod.Get, "/api/v1/notifications");
            Check(reads, notifications.EnumerateArray().Any(n => n.GetProperty("status").ValueKind == JsonValueKind.Object && Id(n.GetProperty("status")) == world.Post), "notifications");
            Check(sees, (await IdsAsync(token, $"/api/v1/groups/relationships?id[]={world.Group}")).Contains(world.Group), "relationships");
            Check(state is "member" or "moderator", (await IdsAsync(token, "/api/v1/groups")).Contains(world.Group), "my groups");
            // A status in a group shows its group, so the group's name travels only with posts the viewer may read.
            if (reads)
            {
                var status = await SendAsync(token, HttpMethod.Get, $"/api/v1/statuses/{world.Post}");
                Assert.Equal(world.Group, Id(status.GetProperty("group")));
            }
        }
        // The author reads their own post in every case.
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(await app.TokenAsync($"gm{visibility[..3]}_author"), $"/api/v1/statuses/{world.Post}"));
    }

    /// <summary>
    /// Streaming as a read path: a group post is pushed on the user stream (with its mention notification), the public and
    /// local streams and its hashtag's stream to exactly those who may read it, and to its author. Every viewer's socket is
    /// then sent a public post outside the group; once that marker has arrived on each of its streams, everything the group
    /// post could have caused has arrived too (the server publishes commits in order), so an absence is a real absence.
    /// Anonymous callers cannot open the streaming API at all (401, as in Mastodon).
    /// </summary>
    [Theory]
    [InlineData("public")]
    [InlineData("members_only")]
    [InlineData("secret")]
    public async Task TheStreamingApiPushesAGroupPostToExactlyThoseAllowed(string visibility)
    {
        var world = await BuildAsync(visibility, "gs");
        var prefix = "gs" + visibility[..3];
        var authorToken = await app.TokenAsync(prefix + "_author");
        var listeners = new Dictionary<string, (string? Token, StreamClient Stream)>();
        try
        {
            foreach (var state in States.Skip(1).Append("author"))
            {
                var token = state == "author" ? authorToken : world.Viewers[state].Token;
                var stream = await StreamClient.ConnectAsync(app, "?stream=user", bearer: token);
                listeners[state] = (token, stream);
                await stream.SendAndSyncAsync(new { type = "subscribe", stream = "public" });
                await stream.SendAndSyncAsync(new { type = "subscribe", stream = "public:local" });
                await stream.SendAndSyncAsync(new { type = "subscribe", stream = "hashtag", tag = world.Tag });
            }
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/streaming/public")).StatusCode);

            var mentions = string.Join(' ', States.Skip(1).Select(s => $"@{prefix}_{s}"));
            var post = Id(await PostAsync(authorToken, "/api/v1/statuses", ("status", $"Streamed {world.Word} #{world.Tag} {mentions}"), ("group_id", world.Group)));
            var marker = Id(await PostAsync(authorToken, "/api/v1/statuses", ("status", $"Marker outside the group #{world.Tag}")));

            foreach (var (state, (_, stream)) in listeners)
            {
                var cell = $"{visibility} × {state}";
                var received = new HashSet<(string Stream, string Event)>();
                var markers = new HashSet<string>();
                while (!markers.IsSupersetOf(["public", "public:local", "hashtag " + world.Tag]))
                {
                    var (name, eventName, payload) = await stream.NextEventAsync();
                    var entity = JsonDocument.Parse(payload).RootElement;
                    var status = eventName == "notification" ? entity.GetProperty("status") : entity;
                    if (Id(status) == marker)
                    {
                        markers.Add(name);
                    }
                    else if (Id(status) == post)
                    {
                        received.Add((name, eventName));
                    }
                }
                var reads = state == "author" || ReadsPosts(visibility, state);
                HashSet<(string, string)> expected = reads
                    ? [("user", "update"), ("public", "update"), ("public:local", "update"), ("hashtag " + world.Tag, "update")]
                    : [];
                if (reads && state != "author")
                {
                    expected.Add(("user", "notification"));
                }
                Assert.True(expected.SetEquals(received), $"{cell}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", received)}]");
            }
        }
        finally
        {
            foreach (var (_, stream) in listeners.Values)
            {
                await stream.DisposeAsync();
            }
        }
    }
}

public sealed class GroupVisibilityMatrixSqliteTests(SqliteApp app) : GroupVisibilityMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class GroupVisibilityMatrixPostgresTests(PostgresApp app) : GroupVisibilityMatrixTests(app), IClassFixture<PostgresApp>;
