using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Statuses;

public abstract class StatusesTests(KindredApp app)
{
    private static readonly string[] StatusKeys =
    [
        "id", "uri", "created_at", "account", "content", "visibility", "sensitive", "spoiler_text", "media_attachments",
        "application", "mentions", "tags", "emojis", "reblogs_count", "favourites_count", "replies_count", "quotes_count",
        "url", "in_reply_to_id", "in_reply_to_account_id", "reblog", "quote", "quote_approval", "poll", "card", "language",
        "text", "edited_at", "favourited", "reblogged", "muted", "bookmarked", "pinned", "filtered", "local_only", "kindred",
    ];

    private static readonly string[] AllowedTags = ["p", "br", "span", "a", "del", "pre", "code", "em", "strong", "b", "i", "u", "ul", "ol", "li", "blockquote"];

    private static readonly string[] AllowedAttributes = ["href", "rel", "target", "start"];

    private static int scopeUsers;

    private async Task<string> MemberAsync(string name)
    {
        await app.CreateUserAsync(name);
        return await app.TokenAsync(name);
    }

    private static Task<JsonElement> Ok(Task<HttpResponseMessage> response) => response.ContinueWith(r => KindredApp.Json(r.Result, HttpStatusCode.OK)).Unwrap();

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [Fact]
    public async Task AStatusIsPostedReadEditedWithHistoryAndDeletedWithItsSource()
    {
        var token = await MemberAsync("writer");
        await app.CreateUserAsync("reader");
        var posted = await app.PostStatusAsync(token, "Hello @reader, *see* the #ÉvénementS page", spoilerText: "food");
        foreach (var key in StatusKeys)
        {
            Assert.True(posted.TryGetProperty(key, out _), $"missing key {key}");
        }
        var id = posted.GetProperty("id").GetString()!;
        var content = posted.GetProperty("content").GetString()!;
        Assert.Contains("<em>see</em>", content, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost/@reader\"", content, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost/tags/evenements\"", content, StringComparison.Ordinal);
        Assert.Equal("reader", posted.GetProperty("mentions")[0].GetProperty("acct").GetString());
        Assert.Equal("evenements", posted.GetProperty("tags")[0].GetProperty("name").GetString());
        Assert.Equal("food", posted.GetProperty("spoiler_text").GetString());
        Assert.Equal(1, posted.GetProperty("account").GetProperty("statuses_count").GetInt32());
        Assert.True(posted.GetProperty("sensitive").GetBoolean());
        Assert.Equal(JsonValueKind.Null, posted.GetProperty("edited_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, posted.GetProperty("text").ValueKind);

        var anonymous = await Ok(app.Api().GetAsync($"/api/v1/statuses/{id}"));
        Assert.Equal(id, anonymous.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("favourited").ValueKind);

        var edited = await Ok(app.Api(token).PutAsync($"/api/v1/statuses/{id}", Form(("status", "Hello again"), ("spoiler_text", ""))));
        Assert.Contains("Hello again", edited.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, edited.GetProperty("edited_at").ValueKind);
        Assert.Empty(edited.GetProperty("tags").EnumerateArray());
        var history = await Ok(app.Api().GetAsync($"/api/v1/statuses/{id}/history"));
        Assert.Equal(2, history.GetArrayLength());
        Assert.Contains("#", history[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("Hello again", history[1].GetProperty("content").GetString(), StringComparison.Ordinal);
        var source = await Ok(app.Api(token).GetAsync($"/api/v1/statuses/{id}/source"));
        Assert.Equal("Hello again", source.GetProperty("text").GetString());

        var several = await Ok(app.Api().GetAsync($"/api/v1/statuses?id[]={id}&id[]=999&id[]=abc"));
        Assert.Equal([id], several.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var readerToken = await app.TokenAsync("reader");
        await Ok(app.Api(readerToken).PostAsync($"/api/v1/statuses/{id}/reblog", null));
        var deleted = await Ok(app.Api(token).DeleteAsync($"/api/v1/statuses/{id}"));
        Assert.Equal("Hello again", deleted.GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).GetAsync($"/api/v1/statuses/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).DeleteAsync($"/api/v1/statuses/{id}")).StatusCode);
        // The boost went with it.
        Assert.Equal(0, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.ReblogOfId == long.Parse(id, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task OverLongOrBlankPostsAreRefusedWith422AndNothingIsStored()
    {
        var token = await MemberAsync("verbose");
        var cases = new (string Key, string Value)[][]
        {
            [("status", new string('a', 5_001))],
            [("status", "ok"), ("spoiler_text", new string('w', 1_001))],
            [("status", "   ")],
            [("status", "ok"), ("visibility", "everyone")],
            [("status", "ok"), ("language", "not a language")],
            [("status", "ok"), ("media_ids[]", "1")],
        };
        foreach (var fields in cases)
        {
            var response = await app.Api(token).PostAsync("/api/v1/statuses", Form(fields));
            var body = await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
            Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.Account.Username == "verbose")));
        // Exactly at the limits is fine; an emoji counts as one character.
        await app.PostStatusAsync(token, new string('a', 4_999) + "🙂", spoilerText: new string('w', 1_000));
        // A link counts as 23 characters however long it is, as clients count it.
        await app.PostStatusAsync(token, new string('a', 4_976) + " https://example.org/" + new string('p', 200));
    }

    [Fact]
    public async Task ScriptsAndDangerousMarkupNeverReachTheContent()
    {
        var token = await MemberAsync("attacker");
        string[] vectors =
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg/onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<body onload=alert(1)>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "\"><script>alert(1)</script>",
            "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
            "<object data=\"javascript:alert(1)\"></object>",
        ];
        foreach (var vector in vectors)
        {
            var content = (await app.PostStatusAsync(token, vector)).GetProperty("content").GetString()!;
            // Judge the markup as a browser parses it: escaped text such as "&lt;script&gt;" is harmless words.
            var body = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{content}</body>").Body!;
            foreach (var element in body.QuerySelectorAll("*"))
            {
                Assert.Contains(element.LocalName, AllowedTags);
                foreach (var attribute in element.Attributes)
                {
                    Assert.Contains(attribute.LocalName, AllowedAttributes);
                }
                if (element.GetAttribute("href") is { } href)
                {
                    Assert.Matches("^(https?|mailto):", href);
                }
            }
        }
    }

    [Fact]
    public async Task AnIdempotencyKeyReplayReturnsTheSameStatus()
    {
        var token = await MemberAsync("retrier");
        async Task<string> PostAsync(string key, string text)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/statuses") { Content = Form(("status", text)) };
            request.Headers.Add("Idempotency-Key", key);
            return (await Ok(app.Api(token).SendAsync(request))).GetProperty("id").GetString()!;
        }
        var first = await PostAsync("key-1", "Only once");
        var replay = await PostAsync("key-1", "Only once");
        var other = await PostAsync("key-2", "Only once");
        Assert.Equal(first, replay);
        Assert.NotEqual(first, other);
        Assert.Equal(2, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.Account.Username == "retrier")));
        // Another member's identical key is theirs alone.
        var someoneElse = await MemberAsync("retrier2");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/statuses") { Content = Form(("status", "Only once")) };
        request.Headers.Add("Idempotency-Key", "key-1");
        Assert.NotEqual(first, (await Ok(app.Api(someoneElse).SendAsync(request))).GetProperty("id").GetString());
    }

    [Fact]
    public async Task ContextShowsAncestorsAndDescendantsOfAThread()
    {
        var token = await MemberAsync("threader");
        var root = (await app.PostStatusAsync(token, "root")).GetProperty("id").GetString()!;
        var middle = await app.PostStatusAsync(token, "middle", inReplyToId: root);
        var leaf = (await app.PostStatusAsync(token, "leaf", inReplyToId: middle.GetProperty("id").GetString())).GetProperty("id").GetString()!;
        var sibling = (await app.PostStatusAsync(token, "sibling", inReplyToId: root)).GetProperty("id").GetString()!;
        Assert.Equal(root, middle.GetProperty("in_reply_to_id").GetString());
        var context = await Ok(app.Api().GetAsync($"/api/v1/statuses/{middle.GetProperty("id").GetString()}/context"));
        Assert.Equal([root], context.GetProperty("ancestors").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal([leaf], context.GetProperty("descendants").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var rootContext = await Ok(app.Api().GetAsync($"/api/v1/statuses/{root}/context"));
        Assert.Empty(rootContext.GetProperty("ancestors").EnumerateArray());
        Assert.Equal(3, rootContext.GetProperty("descendants").GetArrayLength());
        Assert.Contains(sibling, rootContext.GetProperty("descendants").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(2, (await Ok(app.Api().GetAsync($"/api/v1/statuses/{root}"))).GetProperty("replies_count").GetInt32());
        // Replies to something one cannot see are refused as if it did not exist.
        var secret = (await app.PostStatusAsync(token, "secret", "direct")).GetProperty("id").GetString()!;
        var outsider = await MemberAsync("outsider");
        var refused = await app.Api(outsider).PostAsync("/api/v1/statuses", Form(("status", "hi"), ("in_reply_to_id", secret)));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task BoostsFavouritesAndBookmarksWork()
    {
        var author = await MemberAsync("booster_author");
        var fan = await MemberAsync("booster_fan");
        var id = (await app.PostStatusAsync(author, "boost me", "members_only")).GetProperty("id").GetString()!;
        var boost = await Ok(app.Api(fan).PostAsync($"/api/v1/statuses/{id}/reblog", null));
        Assert.Equal(id, boost.GetProperty("reblog").GetProperty("id").GetString());
        Assert.Equal("members_only", boost.GetProperty("kindred").GetProperty("visibility").GetString());
        Assert.True(boost.GetProperty("reblog").GetProperty("reblogged").GetBoolean());
        Assert.Equal(1, boost.GetProperty("reblog").GetProperty("reblogs_count").GetInt32());
        // Boosting again returns the same boost; anonymous visitors cannot see a boost of a members-only post.
        Assert.Equal(boost.GetProperty("id").GetString(), (await Ok(app.Api(fan).PostAsync($"/api/v1/statuses/{id}/reblog", null))).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/v1/statuses/{boost.GetProperty("id").GetString()}")).StatusCode);
        var rebloggedBy = await Ok(app.Api(author).GetAsync($"/api/v1/statuses/{id}/reblogged_by"));
        Assert.Equal("booster_fan", rebloggedBy[0].GetProperty("username").GetString());
        var unboosted = await Ok(app.Api(fan).PostAsync($"/api/v1/statuses/{id}/unreblog", null));
        Assert.False(unboosted.GetProperty("reblogged").GetBoolean());
        Assert.Equal(0, unboosted.GetProperty("reblogs_count").GetInt32());

        var privateId = (await app.PostStatusAsync(author, "followers only", "private")).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(author).PostAsync($"/api/v1/statuses/{privateId}/reblog", null)).StatusCode);

        var favourited = await Ok(app.Api(fan).PostAsync($"/api/v1/statuses/{id}/favourite", null));
        Assert.True(favourited.GetProperty("favourited").GetBoolean());
        Assert.Equal(1, favourited.GetProperty("favourites_count").GetInt32());
        var favouritedBy = await Ok(app.Api(author).GetAsync($"/api/v1/statuses/{id}/favourited_by"));
        Assert.Equal("booster_fan", favouritedBy[0].GetProperty("username").GetString());
        Assert.Equal([id], (await Ok(app.Api(fan).GetAsync("/api/v1/favourites"))).EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        // Favouriting twice at once leaves one favourite.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Ok(app.Api(fan).PostAsync($"/api/v1/statuses/{id}/favourite", null))));
        Assert.Equal(1, (await Ok(app.Api(fan).GetAsync($"/api/v1/statuses/{id}"))).GetProperty("favourites_count").GetInt32());
        Assert.False((await Ok(app.Api(fan).PostAsync($"/api/v1/statuses/{id}/unfavourite", null))).GetProperty("favourited").GetBoolean());
        Assert.Empty((await Ok(app.Api(fan).GetAsync("/api/v1/favourites"))).EnumerateArray());

        Assert.True((await Ok(app.Api(fan).PostAsync($"/api/v1/statuses/{id}/bookmark", null))).GetProperty("bookmarked").GetBoolean());
        Assert.Equal([id], (await Ok(app.Api(fan).GetAsync("/api/v1/bookmarks"))).EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.False((await Ok(app.Api(fan).PostAsync($"/api/v1/statuses/{id}/unbookmark", null))).GetProperty("bookmarked").GetBoolean());
        Assert.Empty((await Ok(app.Api(fan).GetAsync("/api/v1/bookmarks"))).EnumerateArray());
    }

    [Fact]
    public async Task AMemberPinsAtMostFiveOfTheirOwnPublicPosts()
    {
        var token = await MemberAsync("pinner");
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await app.PostStatusAsync(token, $"post {i}")).GetProperty("id").GetString()!);
        }
        foreach (var id in ids.Take(5))
        {
            Assert.True((await Ok(app.Api(token).PostAsync($"/api/v1/statuses/{id}/pin", null))).GetProperty("pinned").GetBoolean());
        }
        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/statuses/{ids[5]}/pin", null), HttpStatusCode.UnprocessableEntity);
        var privateId = (await app.PostStatusAsync(token, "private", "private")).GetProperty("id").GetString()!;
        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/statuses/{privateId}/pin", null), HttpStatusCode.UnprocessableEntity);
        var other = await MemberAsync("pinner_other");
        await KindredApp.Json(await app.Api(other).PostAsync($"/api/v1/statuses/{ids[5]}/pin", null), HttpStatusCode.UnprocessableEntity);

        var accountId = (await Ok(app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"))).GetProperty("id").GetString();
        var pinned = await Ok(app.Api().GetAsync($"/api/v1/accounts/{accountId}/statuses?pinned=true"));
        Assert.Equal(5, pinned.GetArrayLength());
        Assert.False((await Ok(app.Api(token).PostAsync($"/api/v1/statuses/{ids[0]}/unpin", null))).GetProperty("pinned").GetBoolean());
        Assert.True((await Ok(app.Api(token).PostAsync($"/api/v1/statuses/{ids[5]}/pin", null))).GetProperty("pinned").GetBoolean());
    }

    [Fact]
    public async Task AccountStatusesPageTheMastodonWay()
    {
        var token = await MemberAsync("pager");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await app.PostStatusAsync(token, $"page {i}")).GetProperty("id").GetString()!);
        }
        var reply = (await app.PostStatusAsync(token, "self reply", inReplyToId: ids[0])).GetProperty("id").GetString()!;
        var accountId = (await Ok(app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"))).GetProperty("id").GetString();
        var path = $"/api/v1/accounts/{accountId}/statuses";

        var first = await app.Api().GetAsync($"{path}?limit=2&exclude_replies=false");
        var page = await KindredApp.Json(first, HttpStatusCode.OK);
        Assert.Equal([reply, ids[4]], page.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var link = first.Headers.GetValues("Link").Single();
        Assert.Contains($"max_id={ids[4]}>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains($"min_id={reply}>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("exclude_replies=false", link, StringComparison.Ordinal);

        var older = await Ok(app.Api().GetAsync($"{path}?limit=2&max_id={ids[4]}"));
        Assert.Equal([ids[3], ids[2]], older.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        // min_id with limit=1 gives the next newer item, since_id the newest.
        var next = await Ok(app.Api().GetAsync($"{path}?limit=1&min_id={ids[1]}"));
        Assert.Equal([ids[2]], next.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var newest = await Ok(app.Api().GetAsync($"{path}?limit=1&since_id={ids[1]}"));
        Assert.Equal([reply], newest.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var empty = await app.Api().GetAsync($"{path}?min_id={reply}");
        Assert.Empty((await KindredApp.Json(empty, HttpStatusCode.OK)).EnumerateArray());
        Assert.False(empty.Headers.Contains("Link"));
        // The default page is 20 and the largest 40; a limit beyond is clamped.
        Assert.Equal(6, (await Ok(app.Api().GetAsync($"{path}?limit=400"))).GetArrayLength());
        // exclude_replies keeps replies to oneself (threads), as Mastodon does; exclude_reblogs leaves no boosts.
        Assert.Equal(6, (await Ok(app.Api().GetAsync($"{path}?exclude_replies=true&exclude_reblogs=true"))).GetArrayLength());
        await KindredApp.Json(await app.Api().GetAsync($"{path}?max_id=abc"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync("/api/v1/accounts/999/statuses")).StatusCode);
    }

    [Fact]
    public async Task TheHashtagTimelineCombinesAnyAllAndNone()
    {
        var token = await MemberAsync("tagger");
        var garden = (await app.PostStatusAsync(token, "#Garden day")).GetProperty("id").GetString()!;
        var both = (await app.PostStatusAsync(token, "#garden and #Food")).GetProperty("id").GetString()!;
        var food = (await app.PostStatusAsync(token, "#food only")).GetProperty("id").GetString()!;
        var unlisted = (await app.PostStatusAsync(token, "#garden quietly", "unlisted")).GetProperty("id").GetString()!;
        async Task<string[]> TagAsync(string query) =>
            (await Ok(app.Api().GetAsync("/api/v1/timelines/tag/" + query))).EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();
        Assert.Equal([both, garden], await TagAsync("GARDEN"));
        Assert.Equal([food, both, garden], await TagAsync("garden?any[]=food"));
        Assert.Equal([both], await TagAsync("garden?all[]=food"));
        Assert.Equal([garden], await TagAsync("garden?none[]=food"));
        Assert.DoesNotContain(unlisted, await TagAsync("garden"));
        Assert.Empty(await TagAsync("nothing"));
    }

    [Fact]
    public async Task MembersPostingTheSameNewHashtagAtOnceAllSucceed()
    {
        var tokens = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            tokens.Add(await MemberAsync($"racer{i}"));
        }
        var responses = await Task.WhenAll(tokens.Select(t => app.Api(t).PostAsync("/api/v1/statuses", Form(("status", "Meet at the #BrandNewTag")))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Tags.CountAsync(t => t.Name == "brandnewtag")));
        Assert.Equal(4, await app.WithDbAsync(db => db.StatusTags.CountAsync(t => t.Tag.Name == "brandnewtag")));
    }

    [Fact]
    public async Task RepliesToMembersOnlyPostsStayAmongMembers()
    {
        var token = await MemberAsync("narrower");
        var root = (await app.PostStatusAsync(token, "members only", "members_only")).GetProperty("id").GetString()!;
        Assert.Equal("unlisted", (await Ok(app.Api(token).GetAsync($"/api/v1/statuses/{root}"))).GetProperty("visibility").GetString());
        var reply = await app.PostStatusAsync(token, "public reply?", "public", inReplyToId: root);
        Assert.Equal("members_only", reply.GetProperty("kindred").GetProperty("visibility").GetString());
        Assert.True(reply.GetProperty("local_only").GetBoolean());
        var viaFlag = await Ok(app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "hometown style"), ("local_only", "true"))));
        Assert.Equal("members_only", viaFlag.GetProperty("kindred").GetProperty("visibility").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/v1/statuses/{reply.GetProperty("id").GetString()}")).StatusCode);
    }

    [Fact]
    public async Task StatusesOfADisabledMemberDisappear()
    {
        var token = await MemberAsync("leaver");
        var id = (await app.PostStatusAsync(token, "soon gone")).GetProperty("id").GetString()!;
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "leaver");
            user.Status = UserStatus.Disabled;
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/v1/statuses/{id}")).StatusCode);
        Assert.DoesNotContain(id, (await Ok(app.Api().GetAsync("/api/v1/timelines/public"))).EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    public static TheoryData<string, string, string> WriteEndpoints => new()
    {
        { "POST", "/api/v1/statuses", "write:statuses" },
        { "PUT", "/api/v1/statuses/{id}", "write:statuses" },
        { "DELETE", "/api/v1/statuses/{id}", "write:statuses" },
        { "POST", "/api/v1/statuses/{id}/reblog", "write:statuses" },
        { "POST", "/api/v1/statuses/{id}/unreblog", "write:statuses" },
        { "POST", "/api/v1/statuses/{id}/favourite", "write:favourites" },
        { "POST", "/api/v1/statuses/{id}/unfavourite", "write:favourites" },
        { "POST", "/api/v1/statuses/{id}/bookmark", "write:bookmarks" },
        { "POST", "/api/v1/statuses/{id}/unbookmark", "write:bookmarks" },
        { "POST", "/api/v1/statuses/{id}/pin", "write:accounts" },
        { "POST", "/api/v1/statuses/{id}/unpin", "write:accounts" },
        { "GET", "/api/v1/favourites", "read:favourites" },
        { "GET", "/api/v1/bookmarks", "read:bookmarks" },
        { "GET", "/api/v1/statuses/{id}/source", "read:statuses" },
    };

    [Theory]
    [MemberData(nameof(WriteEndpoints))]
    public async Task ATokenWithoutTheScopeIsRefusedWith403(string method, string path, string scope)
    {
        var name = "scoped" + Interlocked.Increment(ref scopeUsers).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.CreateUserAsync(name);
        var full = await app.TokenAsync(name);
        var id = (await app.PostStatusAsync(full, "scope target")).GetProperty("id").GetString()!;
        string[] all = ["read:statuses", "read:favourites", "read:bookmarks", "read:accounts", "write:statuses", "write:favourites", "write:bookmarks", "write:accounts"];
        var lacking = await app.TokenAsync(name, string.Join(' ', all.Where(s => s != scope)));
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal))
        {
            Content = method is "POST" or "PUT" ? Form(("status", "x")) : null,
        };
        var response = await app.Api(lacking).SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        // Nothing changed: the status is still there, unedited, and only one exists.
        var status = await Ok(app.Api(full).GetAsync($"/api/v1/statuses/{id}"));
        Assert.Contains("scope target", status.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(status.GetProperty("favourited").GetBoolean() || status.GetProperty("bookmarked").GetBoolean() || status.GetProperty("pinned").GetBoolean() || status.GetProperty("reblogged").GetBoolean());
    }
}

public sealed class StatusesSqliteTests(SqliteApp app) : StatusesTests(app), IClassFixture<SqliteApp>;

public sealed class StatusesPostgresTests(PostgresApp app) : StatusesTests(app), IClassFixture<PostgresApp>;
