using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Moderation;
using Kindred.Core.Reports;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Tags;

/// <summary>Followed tags (ADR 80): the Tag entity with following and history, the followed list with Link paging, and
/// public posts with a followed tag in the home feed and the user stream, never a post the member may not see.</summary>
public abstract class TagsTests(KindredApp app)
{
    private async Task<(long Id, string Token)> MemberAsync(string username, string scopes = "read write follow push")
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id, await app.TokenAsync(username, scopes));
    }

    private async Task<JsonElement> PostAsync(string token, string path, Dictionary<string, string>? form = null) =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, new FormUrlEncodedContent(form ?? [])), HttpStatusCode.OK);

    private async Task<List<string>> HomeTextsAsync(string token)
    {
        var home = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/timelines/home?limit=40"), HttpStatusCode.OK);
        return home.EnumerateArray().Select(s => s.GetProperty("content").GetString()!).ToList();
    }

    [Fact]
    public async Task ATagHasMastodonsShapeWithFollowingAndAWeekOfHistory()
    {
        var (_, reader) = await MemberAsync("tg_shape");
        var (_, author) = await MemberAsync("tg_shape_author");
        await app.PostStatusAsync(author, "first #Potager post");
        await app.PostStatusAsync(author, "hidden #potager post", "private");

        var tag = await KindredApp.Json(await app.Api(reader).GetAsync("/api/v1/tags/potager"), HttpStatusCode.OK);
        Assert.Equal("Potager", tag.GetProperty("name").GetString());
        Assert.EndsWith("/tags/potager", tag.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.False(tag.GetProperty("following").GetBoolean());
        Assert.False(string.IsNullOrEmpty(tag.GetProperty("id").GetString()));
        var history = tag.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(7, history.Count);
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(today, history[0].GetProperty("day").GetString());
        // Only the public post counts: the followers-only one is told to nobody.
        Assert.Equal("1", history[0].GetProperty("uses").GetString());
        Assert.Equal("1", history[0].GetProperty("accounts").GetString());

        var followed = await PostAsync(reader, "/api/v1/tags/Potager/follow");
        Assert.True(followed.GetProperty("following").GetBoolean());
        Assert.True((await KindredApp.Json(await app.Api(reader).GetAsync("/api/v1/tags/potager"), HttpStatusCode.OK)).GetProperty("following").GetBoolean());
        // Following twice is fine, as on Mastodon.
        Assert.True((await PostAsync(reader, "/api/v1/tags/potager/follow")).GetProperty("following").GetBoolean());
        Assert.False((await PostAsync(reader, "/api/v1/tags/potager/unfollow")).GetProperty("following").GetBoolean());

        // A visitor sees no "following"; a valid name nobody used answers with an empty id; an invalid one is not found.
        var anonymous = await KindredApp.Json(await app.Api().GetAsync("/api/v1/tags/potager"), HttpStatusCode.OK);
        Assert.False(anonymous.TryGetProperty("following", out _));
        var unused = await KindredApp.Json(await app.Api(reader).GetAsync("/api/v1/tags/neverusedtag"), HttpStatusCode.OK);
        Assert.Equal("", unused.GetProperty("id").GetString());
        Assert.False(unused.GetProperty("following").GetBoolean());
        var invalid = await app.Api(reader).GetAsync("/api/v1/tags/%21%21%21");
        Assert.Equal(HttpStatusCode.NotFound, invalid.StatusCode);
        Assert.Equal("application/json", invalid.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(reader).PostAsync("/api/v1/tags/unknownnever/unfollow", null)).StatusCode);
    }

    [Fact]
    public async Task FollowedTagsAreListedNewestFirstWithLinkPaging()
    {
        var (_, reader) = await MemberAsync("tg_list");
        foreach (var name in new[] { "alpha", "beta", "gamma" })
        {
            await PostAsync(reader, $"/api/v1/tags/{name}/follow");
        }
        var response = await app.Api(reader).GetAsync("/api/v1/followed_tags?limit=2");
        var first = await KindredApp.Json(response, HttpStatusCode.OK);
        Assert.Equal(["gamma", "beta"], first.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.All(first.EnumerateArray(), t => Assert.True(t.GetProperty("following").GetBoolean()));
        var link = response.Headers.GetValues("Link").Single();
        var next = link.Split(',')[0].Trim().TrimStart('<').Split('>')[0];
        var second = await KindredApp.Json(await app.Api(reader).GetAsync(new Uri(next).PathAndQuery), HttpStatusCode.OK);
        Assert.Equal(["alpha"], second.EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/followed_tags")).StatusCode);
        var appToken = await app.AppTokenAsync("read write follow");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(appToken).GetAsync("/api/v1/followed_tags")).StatusCode);
        var readOnly = await app.TokenAsync("tg_list", "read");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(readOnly).PostAsync("/api/v1/tags/delta/follow", null)).StatusCode);
        var bad = await app.Api(reader).GetAsync("/api/v1/followed_tags?limit=abc");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("application/json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PublicPostsWithAFollowedTagEnterTheHomeFeedButNothingTheMemberMayNotSee()
    {
        var (readerId, reader) = await MemberAsync("tg_home");
        var (_, stranger) = await MemberAsync("tg_home_stranger");
        var (blockedId, blocked) = await MemberAsync("tg_home_blocked");
        var (_, blocker) = await MemberAsync("tg_home_blocker");
        var (mutedId, muted) = await MemberAsync("tg_home_muted");
        var (limitedId, limited) = await MemberAsync("tg_home_limited");
        var (ownerId, groupOwner) = await MemberAsync("tg_home_groupowner");
        var (moderatorId, _) = await MemberAsync("tg_home_mod");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == moderatorId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, UserRole.Moderator)));
        var closed = await app.AddGroupAsync("tg-closed-group", ownerId, GroupVisibility.Members);
        await PostAsync(reader, "/api/v1/tags/jardin/follow");
        await PostAsync(reader, $"/api/v1/accounts/{blockedId}/block");
        await PostAsync(blocker, $"/api/v1/accounts/{readerId}/block");
        await PostAsync(reader, $"/api/v1/accounts/{mutedId}/mute");
        await app.WithServicesAsync(async s =>
        {
            var report = await s.GetRequiredService<ReportService>().CreateAsync(readerId, new NewReport(limitedId, [], "too much", ReportCategory.Other, []));
            return await s.GetRequiredService<ModerationService>().ActAsync(moderatorId, report.Id, new NewStrike(StrikeAction.Limit, "Calm down.", []), "http://localhost");
        });

        await app.PostStatusAsync(stranger, "tagpublic #jardin");
        await app.PostStatusAsync(stranger, "tagmembers #jardin", "members_only");
        await app.PostStatusAsync(stranger, "tagunlisted #jardin", "unlisted");
        await app.PostStatusAsync(stranger, "tagprivate #jardin", "private");
        await app.PostStatusAsync(stranger, "tagdirect @tg_home #jardin", "direct");
        await app.PostStatusAsync(blocked, "tagblocked #jardin");
        await app.PostStatusAsync(blocker, "tagblocker #jardin");
        await app.PostStatusAsync(muted, "tagmuted #jardin");
        await app.PostStatusAsync(limited, "taglimited #jardin");
        await KindredApp.Json(await app.Api(groupOwner).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["status"] = "taggroup #jardin",
            ["group_id"] = closed.Id.ToString(CultureInfo.InvariantCulture),
        })), HttpStatusCode.OK);
        await app.PostStatusAsync(stranger, "tagother #autre");

        var home = string.Join("\n", await HomeTextsAsync(reader));
        Assert.Contains("tagpublic", home, StringComparison.Ordinal);
        Assert.Contains("tagmembers", home, StringComparison.Ordinal);
        // The direct post mentions the reader, so it is theirs for that reason; nothing else may be there.
        foreach (var hidden in new[] { "tagunlisted", "tagprivate", "tagblocked", "tagblocker", "tagmuted", "taglimited", "taggroup", "tagother" })
        {
            Assert.DoesNotContain(hidden, home, StringComparison.Ordinal);
        }

        await PostAsync(reader, "/api/v1/tags/jardin/unfollow");
        var after = string.Join("\n", await HomeTextsAsync(reader));
        Assert.DoesNotContain("tagpublic", after, StringComparison.Ordinal);
        Assert.DoesNotContain("tagmembers", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostWithAFollowedTagArrivesOnTheUserStream()
    {
        var (_, reader) = await MemberAsync("tg_stream");
        var (_, author) = await MemberAsync("tg_stream_author");
        await PostAsync(reader, "/api/v1/tags/ruisseau/follow");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=user", bearer: reader);
        await app.PostStatusAsync(author, "unrelated #montagne");
        var posted = await app.PostStatusAsync(author, "stream #Ruisseau");

        var (name, eventName, payload) = await stream.NextEventAsync();
        Assert.Equal("user", name);
        Assert.Equal("update", eventName);
        Assert.Equal(posted.GetProperty("id").GetString(), JsonDocument.Parse(payload).RootElement.GetProperty("id").GetString());
    }
}

public sealed class TagsSqliteTests(SqliteApp app) : TagsTests(app), IClassFixture<SqliteApp>;

public sealed class TagsPostgresTests(PostgresApp app) : TagsTests(app), IClassFixture<PostgresApp>;
