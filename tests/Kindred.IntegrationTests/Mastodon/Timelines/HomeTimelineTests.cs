using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Timelines;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Timelines;

public abstract class HomeTimelineTests(KindredApp app)
{
    private async Task<(string Id, string Token)> MemberAsync(string username)
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username));
    }

    private async Task<JsonElement> PostAsync(string token, string path, Dictionary<string, string>? form = null) =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, new FormUrlEncodedContent(form ?? [])), HttpStatusCode.OK);

    private async Task<List<string>> HomeAsync(string token, string query = "")
    {
        var home = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/timelines/home" + query), HttpStatusCode.OK);
        return home.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
    }

    private static string Id(JsonElement status) => status.GetProperty("id").GetString()!;

    [Fact]
    public async Task ReadingTheNewestPageKeepsTheNewest800EntriesAndDropsTheRest()
    {
        var (readerId, reader) = await MemberAsync("ht_trim");
        var accountId = long.Parse(readerId, CultureInfo.InvariantCulture);
        var start = DateTime.UtcNow.AddDays(-10);
        var ids = await app.WithDbAsync(async db =>
        {
            var statuses = Enumerable.Range(0, HomeFeed.MaxEntries + 5).Select(i => new Status
            {
                Id = Snowflake.NewId(start.AddSeconds(i)),
                AccountId = accountId,
                Text = $"post {i}",
                ContentHtml = $"<p>post {i}</p>",
                Visibility = Audience.Public,
                CreatedAt = start.AddSeconds(i),
            }).ToList();
            db.Statuses.AddRange(statuses);
            db.HomeFeedEntries.AddRange(statuses.Select(st => new HomeFeedEntry { AccountId = accountId, StatusId = st.Id }));
            await db.SaveChangesAsync();
            return statuses.Select(st => st.Id).ToList();
        });

        var newest = await HomeAsync(reader, "?limit=1");
        Assert.Equal(ids[^1].ToString(CultureInfo.InvariantCulture), newest[0]);
        var kept = await app.WithDbAsync(db => db.HomeFeedEntries.Where(e => e.AccountId == accountId).Select(e => e.StatusId).ToListAsync());
        Assert.Equal(ids.Skip(5).Order(), kept.Order());
        // A second read of the full feed finds nothing to trim and keeps all 800.
        await HomeAsync(reader, "?limit=1");
        Assert.Equal(HomeFeed.MaxEntries, await app.WithDbAsync(db => db.HomeFeedEntries.CountAsync(e => e.AccountId == accountId)));
    }

    [Fact]
    public async Task HomeShowsOwnPostsAndPostsAndBoostsOfFollowedAccountsNewestFirst()
    {
        var (_, reader) = await MemberAsync("home_reader");
        var (authorId, author) = await MemberAsync("home_author");
        var (_, stranger) = await MemberAsync("home_stranger");
        await PostAsync(reader, $"/api/v1/accounts/{authorId}/follow");
        var own = Id(await app.PostStatusAsync(reader, "my own post"));
        var followed = Id(await app.PostStatusAsync(author, "followed public"));
        var privatePost = Id(await app.PostStatusAsync(author, "followers only", "private"));
        var membersOnly = Id(await app.PostStatusAsync(author, "members only", "members_only"));
        var strangerPost = Id(await app.PostStatusAsync(stranger, "not followed"));
        var boost = Id(await PostAsync(author, $"/api/v1/statuses/{strangerPost}/reblog"));

        var home = await HomeAsync(reader);
        Assert.Equal([boost, membersOnly, privatePost, followed, own], home);
        var boosted = await KindredApp.Json(await app.Api(reader).GetAsync("/api/v1/timelines/home?limit=1"), HttpStatusCode.OK);
        Assert.Equal(strangerPost, boosted[0].GetProperty("reblog").GetProperty("id").GetString());
    }

    [Fact]
    public async Task DirectPostsReachTheHomeOfMentionedFollowersOnlyAsInMastodon()
    {
        var (_, reader) = await MemberAsync("dm_reader");
        var (_, bystander) = await MemberAsync("dm_bystander");
        var (authorId, author) = await MemberAsync("dm_author");
        await PostAsync(reader, $"/api/v1/accounts/{authorId}/follow");
        await PostAsync(bystander, $"/api/v1/accounts/{authorId}/follow");
        var direct = Id(await app.PostStatusAsync(author, "@dm_reader just for you", "direct"));
        var privateMention = Id(await app.PostStatusAsync(author, "@dm_reader followers and you", "private"));

        Assert.Equal([privateMention, direct], await HomeAsync(reader));
        Assert.Equal([privateMention], await HomeAsync(bystander));
        Assert.Equal([privateMention, direct], await HomeAsync(author));
    }

    [Fact]
    public async Task FollowingWithoutBoostsLeavesTheAccountsBoostsOutButNotItsPosts()
    {
        var (_, quiet) = await MemberAsync("nb_quiet");
        var (_, everything) = await MemberAsync("nb_everything");
        var (authorId, author) = await MemberAsync("nb_author");
        var (_, stranger) = await MemberAsync("nb_stranger");
        await PostAsync(quiet, $"/api/v1/accounts/{authorId}/follow", new() { ["reblogs"] = "false" });
        await PostAsync(everything, $"/api/v1/accounts/{authorId}/follow");
        var strangerPost = Id(await app.PostStatusAsync(stranger, "worth passing on"));
        var boost = Id(await PostAsync(author, $"/api/v1/statuses/{strangerPost}/reblog"));
        var post = Id(await app.PostStatusAsync(author, "my own words"));

        Assert.Equal([post], await HomeAsync(quiet));
        Assert.Equal([post, boost], await HomeAsync(everything));
    }

    [Fact]
    public async Task FollowingBringsInRecentPostsAndUnfollowingTakesThemOut()
    {
        var (_, reader) = await MemberAsync("bf_reader");
        var (authorId, author) = await MemberAsync("bf_author");
        var earlier = Id(await app.PostStatusAsync(author, "before the follow"));
        var earlierPrivate = Id(await app.PostStatusAsync(author, "private before the follow", "private"));
        Assert.Empty(await HomeAsync(reader));

        await PostAsync(reader, $"/api/v1/accounts/{authorId}/follow");
        Assert.Equal([earlierPrivate, earlier], await HomeAsync(reader));

        await PostAsync(reader, $"/api/v1/accounts/{authorId}/unfollow");
        Assert.Empty(await HomeAsync(reader));
        await app.PostStatusAsync(author, "after the unfollow");
        Assert.Empty(await HomeAsync(reader));
    }

    [Fact]
    public async Task MutedAndBlockedAccountsLeaveTheHomeTimeline()
    {
        var (_, reader) = await MemberAsync("ex_reader");
        var (mutedId, muted) = await MemberAsync("ex_muted");
        var (blockedId, blocked) = await MemberAsync("ex_blocked");
        var (boosterId, booster) = await MemberAsync("ex_booster");
        var (blockerId, _) = await MemberAsync("ex_blocker");
        foreach (var id in new[] { mutedId, blockedId, boosterId, blockerId })
        {
            await PostAsync(reader, $"/api/v1/accounts/{id}/follow");
        }
        var mutedPost = Id(await app.PostStatusAsync(muted, "muted speaks"));
        await app.PostStatusAsync(blocked, "blocked speaks");
        var boostOfMuted = Id(await PostAsync(booster, $"/api/v1/statuses/{mutedPost}/reblog"));
        var kept = Id(await app.PostStatusAsync(booster, "booster speaks"));
        Assert.Equal(4, (await HomeAsync(reader)).Count);
        Assert.Contains(boostOfMuted, await HomeAsync(reader));

        await PostAsync(reader, $"/api/v1/accounts/{mutedId}/mute");
        await PostAsync(reader, $"/api/v1/accounts/{blockedId}/block");
        Assert.Equal([kept], await HomeAsync(reader));

        // A mute hides without unfollowing: lifting it brings the posts back.
        await PostAsync(reader, $"/api/v1/accounts/{mutedId}/unmute");
        Assert.Equal([kept, boostOfMuted, mutedPost], await HomeAsync(reader));
    }

    [Fact]
    public async Task BeingBlockedByAFollowedAccountRemovesItsPosts()
    {
        var (readerId, reader) = await MemberAsync("bb_reader");
        var (authorId, author) = await MemberAsync("bb_author");
        await PostAsync(reader, $"/api/v1/accounts/{authorId}/follow");
        await app.PostStatusAsync(author, "soon gone");
        Assert.Single(await HomeAsync(reader));
        await PostAsync(author, $"/api/v1/accounts/{readerId}/block");
        Assert.Empty(await HomeAsync(reader));
    }

    [Fact]
    public async Task DeletedPostsAndDisabledAuthorsAreReCheckedOnRead()
    {
        var (_, reader) = await MemberAsync("rc_reader");
        var (authorId, author) = await MemberAsync("rc_author");
        await PostAsync(reader, $"/api/v1/accounts/{authorId}/follow");
        var post = Id(await app.PostStatusAsync(author, "to be deleted"));
        Assert.Equal([post], await HomeAsync(reader));
        await KindredApp.Json(await app.Api(author).DeleteAsync($"/api/v1/statuses/{post}"), HttpStatusCode.OK);
        Assert.Empty(await HomeAsync(reader));
    }

    [Fact]
    public async Task HomePagesWithMaxSinceAndMinIdAndALinkHeader()
    {
        var (_, reader) = await MemberAsync("pg_reader");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Id(await app.PostStatusAsync(reader, $"post {i}")));
        }
        ids.Reverse();
        var first = await app.Api(reader).GetAsync("/api/v1/timelines/home?limit=2");
        var link = first.Headers.GetValues("Link").Single();
        Assert.Contains($"max_id={ids[1]}", link, StringComparison.Ordinal);
        Assert.Contains($"min_id={ids[0]}", link, StringComparison.Ordinal);
        Assert.Equal(ids[..2], (await KindredApp.Json(first, HttpStatusCode.OK)).EnumerateArray().Select(Id));
        Assert.Equal(ids[2..4], await HomeAsync(reader, $"?limit=2&max_id={ids[1]}"));
        Assert.Equal([ids[3]], await HomeAsync(reader, $"?limit=1&min_id={ids[4]}"));
        Assert.Equal([ids[0]], await HomeAsync(reader, $"?limit=1&since_id={ids[4]}"));
        Assert.Empty(await HomeAsync(reader, $"?min_id={ids[0]}"));
        Assert.Equal(5, (await HomeAsync(reader, "?limit=100")).Count);
        var empty = await app.Api(reader).GetAsync($"/api/v1/timelines/home?max_id={ids[4]}");
        Assert.False(empty.Headers.Contains("Link"));
    }

    [Fact]
    public async Task HomeNeedsAUserTokenWithReadStatuses()
    {
        await app.CreateUserAsync("sc_home");
        var lacking = await app.TokenAsync("sc_home", "read:accounts write");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).GetAsync("/api/v1/timelines/home")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/timelines/home")).StatusCode);
        var appToken = await app.AppTokenAsync("read");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(appToken).GetAsync("/api/v1/timelines/home")).StatusCode);
    }
}

public sealed class HomeTimelineSqliteTests(SqliteApp app) : HomeTimelineTests(app), IClassFixture<SqliteApp>;

public sealed class HomeTimelinePostgresTests(PostgresApp app) : HomeTimelineTests(app), IClassFixture<PostgresApp>;
