using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Deletion;
using Kindred.Data;
using Kindred.Data.Counting;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Statuses;

/// <summary>
/// The stored counts (ADR 92): after a random workload through the API every stored count equals a fresh count, what
/// the API shows is the stored count, concurrent favourites are all counted, and the repair fixes what went wrong.
/// </summary>
public abstract class StoredCountsTests(KindredApp app)
{
    private const int Members = 7;
    private const int Operations = 320;

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<(long Id, string Token)[]> MembersAsync(string prefix, int count)
    {
        var members = new (long Id, string Token)[count];
        for (var i = 0; i < count; i++)
        {
            var user = await app.CreateUserAsync($"{prefix}{i}");
            members[i] = (user.Id, await app.TokenAsync($"{prefix}{i}"));
        }
        return members;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient api, HttpMethod method, string path, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        using var response = await api.SendAsync(request);
        // Refusals (a post one may not see, a boost of a private post, leaving a group one is not in) are part of the
        // workload; a server error never is.
        Assert.True((int)response.StatusCode < 500, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode;
    }

    [Fact]
    public async Task AfterARandomWorkloadEveryStoredCountEqualsAFreshCount()
    {
        var random = new Random(19);
        var members = await MembersAsync("sc_w", Members);
        var groups = new List<Group>();
        for (var i = 0; i < 2; i++)
        {
            groups.Add(await TestGroups.CreateAsync(app, $"sc-group-{i}", GroupVisibility.Public, members[i].Id));
        }
        var posts = new List<string>();
        string[] audiences = ["public", "public", "unlisted", "private", "members_only"];
        string Pick() => posts[random.Next(posts.Count)];
        long Other(int me)
        {
            var other = random.Next(Members - 1);
            return members[other >= me ? other + 1 : other].Id;
        }

        for (var op = 0; op < Operations; op++)
        {
            var me = random.Next(Members);
            var api = app.Api(members[me].Token);
            var roll = random.Next(100);
            if (roll < 25 || posts.Count < 5)
            {
                var reply = posts.Count > 0 && random.Next(3) == 0 ? Pick() : null;
                var form = new Dictionary<string, string> { ["status"] = $"Post {op}", ["visibility"] = audiences[random.Next(audiences.Length)] };
                if (reply is not null)
                {
                    form["in_reply_to_id"] = reply;
                }
                using var response = await api.PostAsync("/api/v1/statuses", new FormUrlEncodedContent(form));
                Assert.True((int)response.StatusCode < 500, await response.Content.ReadAsStringAsync());
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    posts.Add((await KindredApp.Json(response, HttpStatusCode.OK)).GetProperty("id").GetString()!);
                }
            }
            else if (roll < 32)
            {
                await SendAsync(api, HttpMethod.Delete, "/api/v1/statuses/" + Pick());
            }
            else if (roll < 45)
            {
                await SendAsync(api, HttpMethod.Post, $"/api/v1/statuses/{Pick()}/reblog");
            }
            else if (roll < 51)
            {
                await SendAsync(api, HttpMethod.Post, $"/api/v1/statuses/{Pick()}/unreblog");
            }
            else if (roll < 67)
            {
                await SendAsync(api, HttpMethod.Post, $"/api/v1/statuses/{Pick()}/favourite");
            }
            else if (roll < 74)
            {
                await SendAsync(api, HttpMethod.Post, $"/api/v1/statuses/{Pick()}/unfavourite");
            }
            else if (roll < 81)
            {
                await SendAsync(api, HttpMethod.Post, $"/api/v1/accounts/{S(Other(me))}/follow");
            }
            else if (roll < 85)
            {
                await SendAsync(api, HttpMethod.Post, $"/api/v1/accounts/{S(Other(me))}/unfollow");
            }
            else if (roll < 87)
            {
                await SendAsync(api, HttpMethod.Post, $"/api/v1/accounts/{S(Other(me))}/block");
            }
            else if (roll < 89)
            {
                await SendAsync(api, HttpMethod.Post, $"/api/v1/accounts/{S(Other(me))}/unblock");
            }
            else if (roll < 95)
            {
                await SendAsync(api, HttpMethod.Post, $"/api/v1/groups/{S(groups[random.Next(groups.Count)].Id)}/join");
            }
            else
            {
                await SendAsync(api, HttpMethod.Post, $"/api/v1/groups/{S(groups[random.Next(groups.Count)].Id)}/leave");
            }
        }

        await AssertEveryCountIsFreshAsync();
        // What the API shows is what is stored: each member's statuses_count, and favourites_count of their live posts.
        foreach (var (id, token) in members)
        {
            var fresh = await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == id && s.DeletedAt == null));
            Assert.Equal(fresh, (await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK)).GetProperty("statuses_count").GetInt32());
            var own = await app.WithDbAsync(db => db.Statuses.Where(s => s.AccountId == id && s.DeletedAt == null && s.ReblogOfId == null)
                .Select(s => new { s.Id, Favourites = db.Favourites.Count(f => f.StatusId == s.Id) }).ToListAsync());
            foreach (var post in own)
            {
                var shown = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/statuses/" + S(post.Id)), HttpStatusCode.OK);
                Assert.Equal(post.Favourites, shown.GetProperty("favourites_count").GetInt32());
            }
        }

        // Erasing a member takes their favourites off others' posts and their boosts' authors keep the right count.
        var erased = members[Members - 1].Id;
        await app.WithServicesAsync(async services =>
        {
            await services.GetRequiredService<AccountEraser>().EraseAsync(erased);
            return true;
        });
        await AssertEveryCountIsFreshAsync();
    }

    private async Task AssertEveryCountIsFreshAsync()
    {
        await app.WithDbAsync(async db =>
        {
            var statuses = await StoredCounts.WrongStatuses(db).Select(a => new { a.Id, a.StatusesCount, Fresh = db.Statuses.Count(s => s.AccountId == a.Id && s.DeletedAt == null) }).ToListAsync();
            Assert.True(statuses.Count == 0, "wrong statuses_count: " + string.Join(", ", statuses));
            var favourites = await StoredCounts.WrongFavourites(db).Select(s => new { s.Id, s.FavouritesCount, Fresh = db.Favourites.Count(f => f.StatusId == s.Id) }).ToListAsync();
            Assert.True(favourites.Count == 0, "wrong favourites_count: " + string.Join(", ", favourites));
            var members = await db.Groups.Where(g => g.MembersCount != db.GroupMemberships.Count(m => m.GroupId == g.Id)).Select(g => g.Slug).ToListAsync();
            Assert.True(members.Count == 0, "wrong members_count: " + string.Join(", ", members));
            Assert.DoesNotContain(await db.Accounts.Select(a => a.StatusesCount).ToListAsync(), c => c < 0);
            Assert.DoesNotContain(await db.Statuses.Select(s => s.FavouritesCount).ToListAsync(), c => c < 0);
        });
    }

    [Fact]
    public async Task ParallelFavouritesOfOnePostAreAllCounted()
    {
        const int n = 12;
        var fans = await MembersAsync("sc_fan", n);
        var (_, author) = (await MembersAsync("sc_author", 1))[0];
        var id = (await app.PostStatusAsync(author, "Everyone likes this")).GetProperty("id").GetString()!;

        await Task.WhenAll(fans.Select(f => SendAsync(app.Api(f.Token), HttpMethod.Post, $"/api/v1/statuses/{id}/favourite")));
        Assert.Equal(n, await StoredAsync(id));
        Assert.Equal(n, (await KindredApp.Json(await app.Api(author).GetAsync("/api/v1/statuses/" + id), HttpStatusCode.OK)).GetProperty("favourites_count").GetInt32());

        // Favouriting again changes nothing; unfavouriting twice never goes below zero.
        await Task.WhenAll(fans.Select(f => SendAsync(app.Api(f.Token), HttpMethod.Post, $"/api/v1/statuses/{id}/favourite")));
        Assert.Equal(n, await StoredAsync(id));
        await Task.WhenAll(fans.Concat(fans).Select(f => SendAsync(app.Api(f.Token), HttpMethod.Post, $"/api/v1/statuses/{id}/unfavourite")));
        Assert.Equal(0, await StoredAsync(id));
        var last = await KindredApp.Json(await app.Api(fans[0].Token).PostAsync($"/api/v1/statuses/{id}/favourite", null), HttpStatusCode.OK);
        Assert.Equal(1, last.GetProperty("favourites_count").GetInt32());
    }

    private Task<int> StoredAsync(string id) =>
        app.WithDbAsync(db => db.Statuses.Where(s => s.Id == long.Parse(id, CultureInfo.InvariantCulture)).Select(s => s.FavouritesCount).SingleAsync());

    [Fact]
    public async Task TheRepairRecountsWhatWentWrongAndReportsIt()
    {
        var (authorId, author) = (await MembersAsync("sc_rep", 1))[0];
        var id = long.Parse((await app.PostStatusAsync(author, "Counted twice")).GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
        await app.WithDbAsync(async db =>
        {
            await db.Accounts.Where(a => a.Id == authorId).ExecuteUpdateAsync(s => s.SetProperty(a => a.StatusesCount, 40));
            await db.Statuses.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.FavouritesCount, 3));
        });

        var (statuses, favourites) = await app.WithDbAsync(db => StoredCounts.RepairAsync(db, CancellationToken.None));
        Assert.True(statuses >= 1 && favourites >= 1, $"fixed {statuses} and {favourites}");
        Assert.Equal(1, await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == authorId).Select(a => a.StatusesCount).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Statuses.Where(s => s.Id == id).Select(s => s.FavouritesCount).SingleAsync()));
        Assert.Equal((0, 0), await app.WithDbAsync(db => StoredCounts.RepairAsync(db, CancellationToken.None)));
    }
}

public sealed class StoredCountsSqliteTests(SqliteApp app) : StoredCountsTests(app), IClassFixture<SqliteApp>;

public sealed class StoredCountsPostgresTests(PostgresApp app) : StoredCountsTests(app), IClassFixture<PostgresApp>;
