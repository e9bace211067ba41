using System.Net;
using System.Text.Json;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Statuses;

/// <summary>
/// The generated visibility matrix: every read path × every kind of viewer × every visibility, compared with the
/// rule written out independently here. Any difference is a leak (or a wrongly hidden post) and is listed.
/// </summary>
public abstract class StatusVisibilityTests(KindredApp app)
{
    private static readonly string[] Visibilities = ["public", "unlisted", "members_only", "private", "direct"];

    private static readonly string[] Viewers = ["anonymous", "app", "member", "follower", "mentioned", "author", "blocked", "muted", "moderator", "admin"];

    /// <summary>The rule, restated from the product brief rather than from the code under test.</summary>
    private static bool MaySee(string viewer, string visibility) => viewer switch
    {
        "author" or "mentioned" => true,
        "blocked" => false,
        "anonymous" or "app" => visibility is "public" or "unlisted",
        "follower" => visibility is not "direct",
        _ => visibility is "public" or "unlisted" or "members_only",
    };

    /// <summary>Public and hashtag timelines: never unlisted, members-only only for members, nothing of a muted author.</summary>
    private static bool Listed(string viewer, string visibility) =>
        MaySee(viewer, visibility) && viewer != "muted" && (visibility == "public" || (visibility == "members_only" && viewer is not ("anonymous" or "app")));

    [Fact]
    public async Task NoReadPathShowsAnyViewerAStatusTheyMayNotSee()
    {
        var tokens = new Dictionary<string, string?> { ["anonymous"] = null, ["app"] = await app.AppTokenAsync("read") };
        foreach (var name in new[] { "author", "member", "follower", "mentioned", "blocked", "muted" })
        {
            await app.CreateUserAsync(name);
            tokens[name] = await app.TokenAsync(name);
        }
        await app.CreateUserAsync("modo", UserRole.Moderator);
        tokens["moderator"] = await app.TokenAsync("modo");
        // "admin" is a reserved username; the admin viewer is called "boss".
        await app.CreateUserAsync("boss", UserRole.Admin);
        tokens["admin"] = await app.TokenAsync("boss");
        var ids = await app.WithDbAsync(db => db.Accounts.ToDictionaryAsync(a => a.Username, a => a.Id));
        await app.WithDbAsync(async db =>
        {
            db.Follows.Add(new Follow { Id = Snowflake.NewId(), AccountId = ids["follower"], TargetAccountId = ids["author"], CreatedAt = DateTime.UtcNow });
            db.Mutes.Add(new Mute { Id = Snowflake.NewId(), AccountId = ids["muted"], TargetAccountId = ids["author"], CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var root = (await app.PostStatusAsync(tokens["author"]!, "Thread root #matrix")).GetProperty("id").GetString()!;
        var statuses = new Dictionary<string, string>();
        foreach (var visibility in Visibilities)
        {
            var posted = await app.PostStatusAsync(tokens["author"]!, $"@mentioned @blocked secret {visibility} #matrix", visibility, inReplyToId: root);
            statuses[visibility] = posted.GetProperty("id").GetString()!;
        }
        // Before the block, "blocked" (mentioned in everything) favourites and bookmarks it all; afterwards none of it
        // may come back through their lists. The block also comes on top of a follow, which must not matter.
        foreach (var id in statuses.Values)
        {
            await KindredApp.Json(await app.Api(tokens["blocked"]).PostAsync($"/api/v1/statuses/{id}/favourite", null), HttpStatusCode.OK);
            await KindredApp.Json(await app.Api(tokens["blocked"]).PostAsync($"/api/v1/statuses/{id}/bookmark", null), HttpStatusCode.OK);
        }
        await app.WithDbAsync(async db =>
        {
            db.Blocks.Add(new Block { Id = Snowflake.NewId(), AccountId = ids["author"], TargetAccountId = ids["blocked"], CreatedAt = DateTime.UtcNow });
            db.Follows.Add(new Follow { Id = Snowflake.NewId(), AccountId = ids["blocked"], TargetAccountId = ids["author"], CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        // The author boosts every status it may boost, so boosts are on the read paths too.
        var boosts = new Dictionary<string, string>();
        foreach (var visibility in new[] { "public", "unlisted", "members_only" })
        {
            var boost = await KindredApp.Json(await app.Api(tokens["author"]).PostAsync($"/api/v1/statuses/{statuses[visibility]}/reblog", null), HttpStatusCode.OK);
            boosts[visibility] = boost.GetProperty("id").GetString()!;
        }

        var failures = new List<string>();
        var checks = 0;
        var authorId = ids["author"];
        foreach (var viewer in Viewers)
        {
            var client = app.Api(tokens[viewer]);
            async Task<HashSet<string>> ListAsync(string path)
            {
                var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return [];
                }
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                return json.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToHashSet();
            }
            void Expect(string path, string visibility, bool expected, bool actual)
            {
                checks++;
                if (expected != actual)
                {
                    failures.Add($"{path} · {viewer} · {visibility}: expected {(expected ? "visible" : "hidden")}, was {(actual ? "visible" : "hidden")}");
                }
            }

            var contextOfRoot = await client.GetAsync($"/api/v1/statuses/{root}/context");
            var descendants = contextOfRoot.StatusCode == HttpStatusCode.OK
                ? JsonDocument.Parse(await contextOfRoot.Content.ReadAsStringAsync()).RootElement.GetProperty("descendants").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToHashSet()
                : [];
            var accountStatuses = await ListAsync($"/api/v1/accounts/{authorId}/statuses?limit=40");
            var publicTimeline = await ListAsync("/api/v1/timelines/public?local=true&limit=40");
            var tagTimeline = await ListAsync("/api/v1/timelines/tag/matrix?limit=40");
            var taggedStatuses = await ListAsync($"/api/v1/accounts/{authorId}/statuses?tagged=matrix&limit=40");
            var home = await ListAsync("/api/v1/timelines/home?limit=40");
            var searchResponse = await client.GetAsync("/api/v2/search?q=secret&type=statuses&limit=40");
            var searched = searchResponse.StatusCode == HttpStatusCode.OK
                ? JsonDocument.Parse(await searchResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToHashSet()
                : [];
            var notifiedResponse = await client.GetAsync("/api/v1/notifications?limit=80");
            var notified = notifiedResponse.StatusCode == HttpStatusCode.OK
                ? JsonDocument.Parse(await notifiedResponse.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
                    .Where(n => n.GetProperty("status").ValueKind == JsonValueKind.Object)
                    .Select(n => n.GetProperty("status").GetProperty("id").GetString()!).ToHashSet()
                : [];
            HashSet<string>? favourites = null;
            HashSet<string>? bookmarks = null;
            if (viewer is not ("anonymous" or "app"))
            {
                if (viewer != "blocked")
                {
                    foreach (var (visibility, id) in statuses)
                    {
                        var favourite = await client.PostAsync($"/api/v1/statuses/{id}/favourite", null);
                        Expect("POST favourite", visibility, MaySee(viewer, visibility), favourite.StatusCode == HttpStatusCode.OK);
                        var bookmark = await client.PostAsync($"/api/v1/statuses/{id}/bookmark", null);
                        Expect("POST bookmark", visibility, MaySee(viewer, visibility), bookmark.StatusCode == HttpStatusCode.OK);
                    }
                }
                favourites = await ListAsync("/api/v1/favourites?limit=40");
                bookmarks = await ListAsync("/api/v1/bookmarks?limit=40");
            }

            foreach (var (visibility, id) in statuses)
            {
                var may = MaySee(viewer, visibility);
                foreach (var path in new[] { $"/api/v1/statuses/{id}", $"/api/v1/statuses/{id}/context", $"/api/v1/statuses/{id}/history", $"/api/v1/statuses/{id}/favourited_by", $"/api/v1/statuses/{id}/reblogged_by" })
                {
                    var response = await client.GetAsync(path);
                    var status = response.StatusCode;
                    if (status is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"{path} · {viewer} · {visibility}: answered {(int)status}, never 403 or anything but 200/404");
                    }
                    Expect(path.Replace(id, ":id", StringComparison.Ordinal), visibility, may, status == HttpStatusCode.OK);
                }
                Expect("context descendants", visibility, may, descendants.Contains(id));
                Expect("account statuses", visibility, may, accountStatuses.Contains(id));
                Expect("account statuses tagged", visibility, may, taggedStatuses.Contains(id));
                Expect("public timeline", visibility, Listed(viewer, visibility), publicTimeline.Contains(id));
                Expect("tag timeline", visibility, Listed(viewer, visibility), tagTimeline.Contains(id));
                // The home feed holds what the author posted and, for a follower, what reached followers (a direct
                // post only reaches mentioned followers); "blocked" followed after posting, so nothing was fanned out.
                Expect("home timeline", visibility, may && (viewer == "author" || (viewer == "follower" && visibility != "direct")), home.Contains(id));
                // Everyone mentioned was notified when the status was posted, and the author of the favourites the viewers
                // before them in the loop gave; the block takes the mentions away from "blocked".
                Expect("notifications", visibility, may && viewer is ("mentioned" or "blocked" or "author"), notified.Contains(id));
                // Searching posts is for signed-in members, and leaves out authors the searcher mutes.
                Expect("search", visibility, may && viewer is not ("anonymous" or "app" or "muted"), searched.Contains(id));
                if (boosts.TryGetValue(visibility, out var boostId))
                {
                    Expect("boost in account statuses", visibility, may, accountStatuses.Contains(boostId));
                    var boost = await client.GetAsync($"/api/v1/statuses/{boostId}");
                    Expect("GET boost", visibility, may, boost.StatusCode == HttpStatusCode.OK);
                    Expect("boost in public timeline", visibility, false, publicTimeline.Contains(boostId));
                    Expect("boost in search", visibility, false, searched.Contains(boostId));
                    Expect("boost in home timeline", visibility, may && viewer is ("author" or "follower"), home.Contains(boostId));
                }
                if (favourites is not null)
                {
                    Expect("favourites list", visibility, may, favourites.Contains(id));
                    Expect("bookmarks list", visibility, may, bookmarks!.Contains(id));
                }
            }
            // Whatever may be seen must not carry what may not: no secret text of a hidden status in any answer.
            foreach (var path in new[] { "/api/v1/timelines/public", "/api/v1/timelines/home", "/api/v1/notifications", $"/api/v1/accounts/{authorId}/statuses", $"/api/v1/statuses/{root}/context", "/api/v2/search?q=secret" })
            {
                var body = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
                foreach (var visibility in Visibilities.Where(v => !MaySee(viewer, v)))
                {
                    checks++;
                    if (body.Contains($"secret {visibility}", StringComparison.Ordinal))
                    {
                        failures.Add($"{path} · {viewer}: body contains the text of a hidden {visibility} status");
                    }
                }
            }
        }

        Assert.True(checks > 500, $"only {checks} checks ran");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:\n" + string.Join('\n', failures));
    }
}

public sealed class StatusVisibilitySqliteTests(SqliteApp app) : StatusVisibilityTests(app), IClassFixture<SqliteApp>;

public sealed class StatusVisibilityPostgresTests(PostgresApp app) : StatusVisibilityTests(app), IClassFixture<PostgresApp>;
