using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Filters;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.IntegrationTests.Mastodon.Filters;

/// <summary>Keyword filters through the Mastodon API (v2 and v1): CRUD and validation, ownership and scopes, and the
/// filters applied to every timeline, the notifications and the streams, with expiry on a fake clock.</summary>
public abstract class FiltersTests(KindredApp app)
{
    private static int scopeUsers;

    private async Task<(string Id, string Token)> MemberAsync(string username, string scopes = "read write follow push")
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username, scopes));
    }

    private async Task<JsonElement> SendAsync(string token, HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(method, path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        return await KindredApp.Json(await app.Api(token).SendAsync(request), expected);
    }

    private Task<JsonElement> GetAsync(string token, string path, HttpStatusCode expected = HttpStatusCode.OK) => SendAsync(token, HttpMethod.Get, path, expected: expected);

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;

    private static KeyValuePair<string, string> P(string key, string value) => new(key, value);

    private Task<JsonElement> CreateAsync(string token, string title, string action, string[] contexts, params string[] keywords) =>
        SendAsync(token, HttpMethod.Post, "/api/v2/filters",
            [P("title", title), P("filter_action", action), .. contexts.Select(c => P("context[]", c)),
             .. keywords.Select(k => P("keywords_attributes[][keyword]", k))]);

    private async Task<List<JsonElement>> TimelineAsync(string token, string path) =>
        (await GetAsync(token, path)).EnumerateArray().ToList();

    private async Task<int> FilterCountAsync() => await app.WithDbAsync(db => db.Filters.CountAsync());

    [Fact]
    public async Task AMemberCreatesReadsChangesAndDeletesAFilterWithItsKeywordsAndStatuses()
    {
        var (_, me) = await MemberAsync("fi_crud");
        var (_, author) = await MemberAsync("fi_crud_author");
        var created = await SendAsync(me, HttpMethod.Post, "/api/v2/filters",
            [P("title", " Spoilers "), P("context[]", "home"), P("context[]", "public"), P("filter_action", "hide"), P("expires_in", "3600"),
             P("keywords_attributes[0][keyword]", "finale"), P("keywords_attributes[0][whole_word]", "false")]);
        var id = Id(created);
        Assert.Equal("Spoilers", created.GetProperty("title").GetString());
        Assert.Equal(["home", "public"], created.GetProperty("context").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("hide", created.GetProperty("filter_action").GetString());
        Assert.NotEqual(JsonValueKind.Null, created.GetProperty("expires_at").ValueKind);
        var keyword = created.GetProperty("keywords")[0];
        Assert.Equal(("finale", false), (keyword.GetProperty("keyword").GetString(), keyword.GetProperty("whole_word").GetBoolean()));

        var updated = await SendAsync(me, HttpMethod.Put, $"/api/v2/filters/{id}",
            [P("title", "TV"), P("filter_action", "warn"), P("expires_in", ""), P("keywords_attributes[][id]", Id(keyword)), P("keywords_attributes[][_destroy]", "true")]);
        Assert.Equal(("TV", "warn", JsonValueKind.Null, 0), (updated.GetProperty("title").GetString(), updated.GetProperty("filter_action").GetString(),
            updated.GetProperty("expires_at").ValueKind, updated.GetProperty("keywords").GetArrayLength()));

        var added = await SendAsync(me, HttpMethod.Post, $"/api/v2/filters/{id}/keywords", [P("keyword", "season"), P("whole_word", "true")]);
        Assert.Equal("season", (await GetAsync(me, $"/api/v2/filters/keywords/{Id(added)}")).GetProperty("keyword").GetString());
        await SendAsync(me, HttpMethod.Put, $"/api/v2/filters/keywords/{Id(added)}", [P("keyword", "episode")]);
        Assert.Equal(["episode"], (await GetAsync(me, $"/api/v2/filters/{id}/keywords")).EnumerateArray().Select(k => k.GetProperty("keyword").GetString()));

        var status = Id(await app.PostStatusAsync(author, "a post to filter"));
        var filtered = await SendAsync(me, HttpMethod.Post, $"/api/v2/filters/{id}/statuses", [P("status_id", status)]);
        Assert.Equal(status, filtered.GetProperty("status_id").GetString());
        Assert.Equal(status, (await GetAsync(me, $"/api/v2/filters/statuses/{Id(filtered)}")).GetProperty("status_id").GetString());
        Assert.Equal(1, (await GetAsync(me, $"/api/v2/filters/{id}/statuses")).GetArrayLength());
        await SendAsync(me, HttpMethod.Post, $"/api/v2/filters/{id}/statuses", [P("status_id", status)], HttpStatusCode.UnprocessableEntity);
        await SendAsync(me, HttpMethod.Delete, $"/api/v2/filters/statuses/{Id(filtered)}");
        await SendAsync(me, HttpMethod.Delete, $"/api/v2/filters/keywords/{Id(added)}");
        Assert.Equal(0, (await GetAsync(me, $"/api/v2/filters/{id}")).GetProperty("keywords").GetArrayLength());

        Assert.Equal([id], (await GetAsync(me, "/api/v2/filters")).EnumerateArray().Select(Id));
        await SendAsync(me, HttpMethod.Delete, $"/api/v2/filters/{id}");
        await GetAsync(me, $"/api/v2/filters/{id}", HttpStatusCode.NotFound);
        Assert.Equal(0, (await GetAsync(me, "/api/v2/filters")).GetArrayLength());
    }

    [Fact]
    public async Task BadFiltersAreRefusedWith422AndChangeNothing()
    {
        var (_, me) = await MemberAsync("fi_bad");
        var before = await FilterCountAsync();
        KeyValuePair<string, string>[][] bad =
        [
            [P("context[]", "home")],
            [P("title", "   "), P("context[]", "home")],
            [P("title", new string('x', FilterService.MaxTitle + 1)), P("context[]", "home")],
            [P("title", "No context")],
            [P("title", "Odd context"), P("context[]", "everywhere")],
            [P("title", "Odd action"), P("context[]", "home"), P("filter_action", "explode")],
            [P("title", "Past"), P("context[]", "home"), P("expires_in", "-5")],
            [P("title", "Words"), P("context[]", "home"), P("expires_in", "soon")],
            [P("title", "Empty keyword"), P("context[]", "home"), P("keywords_attributes[][keyword]", "  ")],
            [P("title", "Bad whole word"), P("context[]", "home"), P("keywords_attributes[][keyword]", "x"), P("keywords_attributes[][whole_word]", "maybe")],
        ];
        foreach (var form in bad)
        {
            var response = await app.Api(me).PostAsync("/api/v2/filters", new FormUrlEncodedContent(form));
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{string.Join('&', form.Select(f => f.Key + "=" + f.Value))}: {(int)response.StatusCode}");
        }
        Assert.Equal(before, await FilterCountAsync());

        var id = Id(await CreateAsync(me, "Kept", "warn", ["home"], "kept"));
        await SendAsync(me, HttpMethod.Put, $"/api/v2/filters/{id}", [P("title", "Changed"), P("context[]", "nowhere")], HttpStatusCode.UnprocessableEntity);
        await SendAsync(me, HttpMethod.Post, $"/api/v2/filters/{id}/keywords", [P("keyword", "")], HttpStatusCode.UnprocessableEntity);
        await SendAsync(me, HttpMethod.Post, $"/api/v2/filters/{id}/statuses", [P("status_id", "abc")], HttpStatusCode.UnprocessableEntity);
        await SendAsync(me, HttpMethod.Post, "/api/v1/filters", [P("phrase", ""), P("context[]", "home")], HttpStatusCode.UnprocessableEntity);
        var kept = await GetAsync(me, $"/api/v2/filters/{id}");
        Assert.Equal(("Kept", 1), (kept.GetProperty("title").GetString(), kept.GetProperty("keywords").GetArrayLength()));
        Assert.Equal(before + 1, await FilterCountAsync());
    }

    [Fact]
    public async Task NobodySeesOrChangesAnotherMembersFilters()
    {
        var (_, owner) = await MemberAsync("fi_owner");
        var (_, other) = await MemberAsync("fi_other");
        var (_, author) = await MemberAsync("fi_own_author");
        var filter = await CreateAsync(owner, "Mine", "warn", ["home"], "private words");
        var id = Id(filter);
        var keywordId = Id(filter.GetProperty("keywords")[0]);
        var statusRow = Id(await SendAsync(owner, HttpMethod.Post, $"/api/v2/filters/{id}/statuses", [P("status_id", Id(await app.PostStatusAsync(author, "x")))]));

        Assert.Equal(0, (await GetAsync(other, "/api/v2/filters")).GetArrayLength());
        Assert.Equal(0, (await GetAsync(other, "/api/v1/filters")).GetArrayLength());
        foreach (var (method, path) in new[]
        {
            ("GET", $"/api/v2/filters/{id}"), ("PUT", $"/api/v2/filters/{id}"), ("DELETE", $"/api/v2/filters/{id}"),
            ("GET", $"/api/v2/filters/{id}/keywords"), ("POST", $"/api/v2/filters/{id}/keywords"),
            ("GET", $"/api/v2/filters/keywords/{keywordId}"), ("PUT", $"/api/v2/filters/keywords/{keywordId}"), ("DELETE", $"/api/v2/filters/keywords/{keywordId}"),
            ("GET", $"/api/v2/filters/{id}/statuses"), ("POST", $"/api/v2/filters/{id}/statuses"),
            ("GET", $"/api/v2/filters/statuses/{statusRow}"), ("DELETE", $"/api/v2/filters/statuses/{statusRow}"),
            ("GET", $"/api/v1/filters/{keywordId}"), ("PUT", $"/api/v1/filters/{keywordId}"), ("DELETE", $"/api/v1/filters/{keywordId}"),
        })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = method is "GET" or "DELETE" ? null : new FormUrlEncodedContent([P("title", "Theirs"), P("keyword", "theirs"), P("phrase", "theirs"), P("status_id", "1")]),
            };
            var response = await app.Api(other).SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }
        var kept = await GetAsync(owner, $"/api/v2/filters/{id}");
        Assert.Equal(("Mine", "private words", 1), (kept.GetProperty("title").GetString(), kept.GetProperty("keywords")[0].GetProperty("keyword").GetString(), kept.GetProperty("statuses").GetArrayLength()));
    }

    [Theory]
    [InlineData("GET", "/api/v2/filters", "read:filters", "write:filters")]
    [InlineData("POST", "/api/v2/filters", "write:filters", "read:filters")]
    [InlineData("GET", "/api/v1/filters", "read:filters", "write:filters")]
    [InlineData("POST", "/api/v1/filters", "write:filters", "read")]
    public async Task FiltersNeedTheirScopesAndAUser(string method, string url, string scope, string other)
    {
        var username = "fi_scope_" + Interlocked.Increment(ref scopeUsers).ToString(CultureInfo.InvariantCulture);
        await app.CreateUserAsync(username);
        HttpRequestMessage Request() => new(new HttpMethod(method), url)
        {
            Content = method is "GET" ? null : new FormUrlEncodedContent([P("title", "Scoped"), P("phrase", "scoped"), P("context[]", "home")]),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(await app.TokenAsync(username, other)).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(await app.AppTokenAsync("read write")).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().SendAsync(Request())).StatusCode);
        var right = await app.Api(await app.TokenAsync(username, scope)).SendAsync(Request());
        Assert.True(right.StatusCode == HttpStatusCode.OK, $"{method} {url} with {scope}: {(int)right.StatusCode}");
        var broad = await app.Api(await app.TokenAsync(username, scope.StartsWith("read", StringComparison.Ordinal) ? "read" : "write")).SendAsync(Request());
        Assert.Equal(HttpStatusCode.OK, broad.StatusCode);
    }

    [Fact]
    public async Task V1FiltersAreTheKeywordsOfV2Filters()
    {
        var (_, me) = await MemberAsync("fi_v1");
        var created = await SendAsync(me, HttpMethod.Post, "/api/v1/filters",
            [P("phrase", "spiders"), P("context[]", "home"), P("context[]", "notifications"), P("irreversible", "true"), P("whole_word", "false")]);
        Assert.Equal(("spiders", true, false), (created.GetProperty("phrase").GetString(), created.GetProperty("irreversible").GetBoolean(), created.GetProperty("whole_word").GetBoolean()));
        Assert.Equal(["home", "notifications"], created.GetProperty("context").EnumerateArray().Select(c => c.GetString()));
        var v2 = (await GetAsync(me, "/api/v2/filters"))[0];
        Assert.Equal(("spiders", "hide"), (v2.GetProperty("title").GetString(), v2.GetProperty("filter_action").GetString()));
        Assert.Equal(Id(created), Id(v2.GetProperty("keywords")[0]));

        var updated = await SendAsync(me, HttpMethod.Put, $"/api/v1/filters/{Id(created)}", [P("phrase", "snakes"), P("irreversible", "false"), P("context[]", "public")]);
        Assert.Equal(("snakes", false), (updated.GetProperty("phrase").GetString(), updated.GetProperty("irreversible").GetBoolean()));
        Assert.Equal(["public"], updated.GetProperty("context").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["snakes"], (await GetAsync(me, "/api/v1/filters")).EnumerateArray().Select(f => f.GetProperty("phrase").GetString()));

        await SendAsync(me, HttpMethod.Delete, $"/api/v1/filters/{Id(created)}");
        Assert.Equal(0, (await GetAsync(me, "/api/v2/filters")).GetArrayLength());
    }

    [Fact]
    public async Task HideFiltersDropAndWarnFiltersMarkStatusesInEachOfTheirContexts()
    {
        var (_, reader) = await MemberAsync("fi_reader");
        var (authorId, author) = await MemberAsync("fi_author");
        await SendAsync(reader, HttpMethod.Post, $"/api/v1/accounts/{authorId}/follow", []);
        var hide = Id(await CreateAsync(reader, "No spiders", "hide", ["home", "account", "thread"], "spiders"));
        var warn = Id(await CreateAsync(reader, "Spider warning", "warn", ["public", "notifications"], "spiders"));
        var root = Id(await app.PostStatusAsync(author, "A thread about gardens"));
        var spiders = Id(await app.PostStatusAsync(author, "Big SPIDERS in the shed @fi_reader", inReplyToId: root));
        var concatenated = Id(await app.PostStatusAsync(author, "catspidersx is not a word #garden"));
        var clean = Id(await app.PostStatusAsync(author, "Tomatoes are ripe"));
        var boost = Id(await SendAsync(author, HttpMethod.Post, $"/api/v1/statuses/{spiders}/reblog", []));

        // Home, account and thread: hidden, boost included; a whole-word keyword leaves "catspidersx" alone.
        var home = (await TimelineAsync(reader, "/api/v1/timelines/home")).Select(Id).ToList();
        Assert.Contains(clean, home);
        Assert.Contains(concatenated, home);
        Assert.DoesNotContain(spiders, home);
        Assert.DoesNotContain(boost, home);
        var account = (await TimelineAsync(reader, $"/api/v1/accounts/{authorId}/statuses")).Select(Id).ToList();
        Assert.Contains(clean, account);
        Assert.DoesNotContain(spiders, account);
        var thread = await GetAsync(reader, $"/api/v1/statuses/{root}/context");
        Assert.Equal(0, thread.GetProperty("descendants").GetArrayLength());

        // Public and notifications: shown, with the warning filter as Mastodon renders it.
        var shown = (await TimelineAsync(reader, "/api/v1/timelines/public")).Single(s => Id(s) == spiders);
        var result = shown.GetProperty("filtered").EnumerateArray().Single();
        Assert.Equal((warn, "Spider warning", "warn"), (Id(result.GetProperty("filter")), result.GetProperty("filter").GetProperty("title").GetString(),
            result.GetProperty("filter").GetProperty("filter_action").GetString()));
        Assert.Equal(["spiders"], result.GetProperty("keyword_matches").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(0, (await TimelineAsync(reader, "/api/v1/timelines/public")).Single(s => Id(s) == clean).GetProperty("filtered").GetArrayLength());
        var mention = (await TimelineAsync(reader, "/api/v1/notifications")).Single(n => n.GetProperty("type").GetString() == "mention");
        Assert.Equal(warn, Id(mention.GetProperty("status").GetProperty("filtered")[0].GetProperty("filter")));

        // The author is never filtered from their own view, and another member has no filters.
        Assert.Contains(spiders, (await TimelineAsync(author, "/api/v1/timelines/home")).Select(Id));

        // A hide filter in notifications takes the notification with it; a status added to a filter is matched by id.
        await SendAsync(reader, HttpMethod.Put, $"/api/v2/filters/{warn}", [P("filter_action", "hide")]);
        Assert.DoesNotContain(await TimelineAsync(reader, "/api/v1/notifications"), n => n.GetProperty("type").GetString() == "mention");
        await SendAsync(reader, HttpMethod.Post, $"/api/v2/filters/{hide}/statuses", [P("status_id", clean)]);
        Assert.DoesNotContain(clean, (await TimelineAsync(reader, "/api/v1/timelines/home")).Select(Id));
    }

    [Fact]
    public async Task AnExpiredFilterNoLongerApplies()
    {
        var (reader, token) = await MemberAsync("fi_expiry");
        var (_, author) = await MemberAsync("fi_expiry_author");
        var readerId = long.Parse(reader, CultureInfo.InvariantCulture);
        var status = Id(await app.PostStatusAsync(author, "weather forecast"));
        // Made two hours ago for one hour: over. Made now for one hour: live.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<FilterService>(s, (TimeProvider)past)
            .CreateAsync(readerId, new FilterChange("Old", Kindred.Data.Entities.FilterContexts.Public, Kindred.Data.Entities.FilterAction.Hide, true, 3600,
                [new KeywordChange(null, "weather", true)])));
        Assert.Contains(status, (await TimelineAsync(token, "/api/v1/timelines/public")).Select(Id));
        await app.WithServicesAsync(s => s.GetRequiredService<FilterService>()
            .CreateAsync(readerId, new FilterChange("New", Kindred.Data.Entities.FilterContexts.Public, Kindred.Data.Entities.FilterAction.Hide, true, 3600,
                [new KeywordChange(null, "weather", true)])));
        Assert.DoesNotContain(status, (await TimelineAsync(token, "/api/v1/timelines/public")).Select(Id));
    }

    [Fact]
    public async Task AHideFilterKeepsAStatusOffTheStreamsOfItsContextOnly()
    {
        var (_, reader) = await MemberAsync("fi_stream");
        var (authorId, author) = await MemberAsync("fi_stream_author");
        await SendAsync(reader, HttpMethod.Post, $"/api/v1/accounts/{authorId}/follow", []);
        await CreateAsync(reader, "Quiet home", "hide", ["home"], "politics");
        await CreateAsync(reader, "Public warning", "warn", ["public"], "politics");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=user", bearer: reader);
        await stream.SendAndSyncAsync(new { type = "subscribe", stream = "public" });

        var filtered = Id(await app.PostStatusAsync(author, "Talking politics again"));
        var clean = Id(await app.PostStatusAsync(author, "Talking gardens"));

        var received = new List<(string Stream, string Id, int Filtered)>();
        for (var i = 0; i < 3; i++)
        {
            var (name, _, payload) = await stream.NextEventAsync();
            var status = JsonDocument.Parse(payload).RootElement;
            received.Add((name, Id(status), status.GetProperty("filtered").GetArrayLength()));
        }
        Assert.Equal([("public", filtered, 1), ("user", clean, 0), ("public", clean, 0)], received);
    }
}

public sealed class FiltersSqliteTests(SqliteApp app) : FiltersTests(app), IClassFixture<SqliteApp>;

public sealed class FiltersPostgresTests(PostgresApp app) : FiltersTests(app), IClassFixture<PostgresApp>;
