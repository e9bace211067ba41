using System.Net;
using System.Text.Json;
using Kindred.Core.Moderation;
using Kindred.Core.Reports;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Statuses;

/// <summary>
/// The visibility matrix's "limited author" row (ADR 67): once a moderator limits an author, every read path shows
/// their posts only to their contacts (followers and the people they follow) within each post's own audience, the
/// public and hashtag timelines and search leave them out, they start no private conversation with a stranger, and
/// undoing the limit restores it all.
/// </summary>
public abstract class LimitedAuthorVisibilityTests(KindredApp app)
{
    private static readonly string[] Visibilities = ["public", "unlisted", "members_only", "private", "direct"];

    private static readonly string[] Viewers = ["anonymous", "app", "stranger", "mentioned", "follower", "contact", "author", "moderator"];

    /// <summary>Restated from the brief: contacts only, each within the post's own audience; the contact is mentioned
    /// in every post, the follower in none; a stranger mentioned is not reached.</summary>
    private static bool MaySee(string viewer, string visibility) => viewer switch
    {
        "author" or "contact" => true,
        "follower" => visibility is not "direct",
        _ => false,
    };

    [Fact]
    public async Task ALimitedAuthorIsReadOnlyByContactsOnEveryPathAndUndoRestoresIt()
    {
        var tokens = new Dictionary<string, string?> { ["anonymous"] = null, ["app"] = await app.AppTokenAsync("read") };
        var names = new Dictionary<string, string>
        {
            ["author"] = "lim_author",
            ["stranger"] = "lim_stranger",
            ["mentioned"] = "lim_mentioned",
            ["follower"] = "lim_follower",
            ["contact"] = "lim_contact",
            ["moderator"] = "lim_mod",
        };
        foreach (var (viewer, name) in names)
        {
            await app.CreateUserAsync(name, viewer == "moderator" ? UserRole.Moderator : UserRole.Member);
            tokens[viewer] = await app.TokenAsync(name);
        }
        var ids = await app.WithDbAsync(db => db.Accounts.ToDictionaryAsync(a => a.Username, a => a.Id));
        var authorId = ids["lim_author"];
        await app.WithDbAsync(async db =>
        {
            db.Follows.Add(new Follow { Id = Snowflake.NewId(), AccountId = ids["lim_follower"], TargetAccountId = authorId, CreatedAt = DateTime.UtcNow });
            db.Follows.Add(new Follow { Id = Snowflake.NewId(), AccountId = authorId, TargetAccountId = ids["lim_contact"], CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var statuses = new Dictionary<string, string>();
        foreach (var visibility in Visibilities)
        {
            var posted = await app.PostStatusAsync(tokens["author"]!, $"@lim_mentioned @lim_contact limitsecret {visibility} #limitmatrix", visibility);
            statuses[visibility] = posted.GetProperty("id").GetString()!;
        }

        var strike = await app.WithServicesAsync(async s =>
        {
            var report = await s.GetRequiredService<ReportService>().CreateAsync(ids["lim_stranger"], new NewReport(authorId, [], "too much", ReportCategory.Other, []));
            return await s.GetRequiredService<ModerationService>().ActAsync(ids["lim_mod"], report.Id, new NewStrike(StrikeAction.Limit, "Calm down.", []), "http://localhost");
        });

        var failures = new List<string>();
        foreach (var viewer in Viewers)
        {
            var client = app.Api(tokens[viewer]);
            var accountStatuses = await ListAsync(client, $"/api/v1/accounts/{authorId}/statuses?limit=40");
            var publicTimeline = await ListAsync(client, "/api/v1/timelines/public?local=true&limit=40");
            var tagTimeline = await ListAsync(client, "/api/v1/timelines/tag/limitmatrix?limit=40");
            var searched = await SearchAsync(client, "limitsecret");
            foreach (var (visibility, id) in statuses)
            {
                var may = MaySee(viewer, visibility);
                Expect(failures, viewer, visibility, "GET status", may, (await client.GetAsync($"/api/v1/statuses/{id}")).StatusCode == HttpStatusCode.OK);
                Expect(failures, viewer, visibility, "account statuses", may, accountStatuses.Contains(id));
                Expect(failures, viewer, visibility, "public timeline", false, publicTimeline.Contains(id));
                Expect(failures, viewer, visibility, "tag timeline", false, tagTimeline.Contains(id));
                // Search finds it only where the reader has their own reason: their post, or one that mentions them.
                Expect(failures, viewer, visibility, "search", may && viewer is "author" or "contact", searched.Contains(id));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // No new conversation with a stranger, whatever the stranger allows; contacts are still reached.
        var toStranger = await app.Api(tokens["author"]).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "@lim_stranger hello", ["visibility"] = "direct" }));
        Assert.NotEqual(HttpStatusCode.OK, toStranger.StatusCode);
        var toContact = await app.Api(tokens["author"]).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "@lim_contact hello", ["visibility"] = "direct" }));
        Assert.Equal(HttpStatusCode.OK, toContact.StatusCode);
        // Account search leaves a limited account out unless the exact name is asked for.
        Assert.DoesNotContain(await AccountSearchAsync(app.Api(tokens["stranger"]), "lim_auth"), a => a == "lim_author");

        await app.WithServicesAsync(s => s.GetRequiredService<ModerationService>().UndoAsync(ids["lim_mod"], strike.Id));
        var stranger = app.Api(tokens["stranger"]);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync($"/api/v1/statuses/{statuses["public"]}")).StatusCode);
        Assert.Contains(statuses["public"], await ListAsync(stranger, "/api/v1/timelines/public?local=true&limit=40"));
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync($"/api/v1/statuses/{statuses["public"]}")).StatusCode);
        Assert.Contains(await AccountSearchAsync(stranger, "lim_auth"), a => a == "lim_author");
    }

    private static void Expect(List<string> failures, string viewer, string visibility, string path, bool expected, bool actual)
    {
        if (expected != actual)
        {
            failures.Add($"{path} · {viewer} · {visibility}: expected {(expected ? "visible" : "hidden")}, was {(actual ? "visible" : "hidden")}");
        }
    }

    private static async Task<HashSet<string>> ListAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return response.StatusCode != HttpStatusCode.OK ? []
            : JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToHashSet();
    }

    private static async Task<HashSet<string>> SearchAsync(HttpClient client, string q)
    {
        var response = await client.GetAsync($"/api/v2/search?q={q}&type=statuses&limit=40");
        return response.StatusCode != HttpStatusCode.OK ? []
            : JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToHashSet();
    }

    private static async Task<List<string>> AccountSearchAsync(HttpClient client, string q)
    {
        var response = await client.GetAsync($"/api/v2/search?q={q}&type=accounts&limit=40");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("username").GetString()!).ToList();
    }
}

public sealed class LimitedAuthorVisibilitySqliteTests(SqliteApp app) : LimitedAuthorVisibilityTests(app), IClassFixture<SqliteApp>;

public sealed class LimitedAuthorVisibilityPostgresTests(PostgresApp app) : LimitedAuthorVisibilityTests(app), IClassFixture<PostgresApp>;
