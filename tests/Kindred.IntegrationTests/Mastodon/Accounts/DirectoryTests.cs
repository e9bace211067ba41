using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Accounts;

/// <summary>The profile directory (ADR 80): discoverable, active members only, to signed-in members only, whatever
/// their role; never an account that chose not to be listed, a suspended or pending one, or one blocked either way.</summary>
public abstract class DirectoryTests(KindredApp app)
{
    private static List<string> Usernames(JsonElement accounts) =>
        accounts.EnumerateArray().Select(a => a.GetProperty("username").GetString()!).Where(u => u.StartsWith("dir_", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task TheDirectoryListsDiscoverableActiveMembersToEveryRoleOfMember()
    {
        var names = new[] { "dir_listed", "dir_quiet", "dir_hidden", "dir_suspended", "dir_pending", "dir_blocked", "dir_blocker" };
        var ids = new Dictionary<string, long>();
        foreach (var name in names)
        {
            ids[name] = (await app.CreateUserAsync(name)).Id;
        }
        var roles = new Dictionary<string, UserRole>
        {
            ["dir_member"] = UserRole.Member,
            ["dir_staff"] = UserRole.Staff,
            ["dir_moderator"] = UserRole.Moderator,
            ["dir_admin"] = UserRole.Admin,
        };
        foreach (var (name, role) in roles)
        {
            ids[name] = (await app.CreateUserAsync(name, role)).Id;
        }
        await app.WithDbAsync(async db =>
        {
            await db.Accounts.Where(a => a.Id == ids["dir_hidden"]).ExecuteUpdateAsync(s => s.SetProperty(a => a.Discoverable, false));
            await db.Users.Where(u => u.Id == ids["dir_suspended"]).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Disabled));
            await db.Users.Where(u => u.Id == ids["dir_pending"]).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Pending));
            // Staff accounts appear as members do; keep them out of the assertions below by making them undiscoverable.
            await db.Accounts.Where(a => a.Username == "dir_staff" || a.Username == "dir_moderator" || a.Username == "dir_admin")
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Discoverable, false));
        });
        var listed = await app.TokenAsync("dir_listed");
        await app.PostStatusAsync(listed, "I am active");
        var member = await app.TokenAsync("dir_member");
        await KindredApp.Json(await app.Api(member).PostAsync($"/api/v1/accounts/{ids["dir_blocked"]}/block", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(await app.TokenAsync("dir_blocker")).PostAsync($"/api/v1/accounts/{ids["dir_member"]}/block", null), HttpStatusCode.OK);

        var fresh = await KindredApp.Json(await app.Api(member).GetAsync("/api/v1/directory?order=new&limit=80"), HttpStatusCode.OK);
        Assert.Equal(["dir_member", "dir_quiet", "dir_listed"], Usernames(fresh));
        var active = await KindredApp.Json(await app.Api(member).GetAsync("/api/v1/directory?order=active&local=true"), HttpStatusCode.OK);
        // "active" lists those who have posted, most recent first.
        Assert.Equal(["dir_listed"], Usernames(active));

        var expected = new[] { "dir_member", "dir_quiet", "dir_listed", "dir_blocked", "dir_blocker" }.Order(StringComparer.Ordinal).ToList();
        foreach (var name in new[] { "dir_staff", "dir_moderator", "dir_admin", "owner" })
        {
            var seen = await KindredApp.Json(await app.Api(await app.TokenAsync(name)).GetAsync("/api/v1/directory?order=new&limit=80"), HttpStatusCode.OK);
            Assert.Equal(expected, Usernames(seen).Order(StringComparer.Ordinal).ToList());
        }
    }

    [Fact]
    public async Task VisitorsAndAppsAreRefusedAndBadInputIsAJson4xx()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/directory")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(await app.AppTokenAsync("read")).GetAsync("/api/v1/directory")).StatusCode);
        var bad = await app.CreateUserAsync("dir_bad");
        // Out of the directory, so the other test of this class (sharing its database) lists exactly its own members.
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == bad.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Discoverable, false)));
        var token = await app.TokenAsync("dir_bad");
        foreach (var query in new[] { "?order=popular", "?offset=-3", "?offset=x", "?limit=x", "?local=perhaps" })
        {
            var response = await app.Api(token).GetAsync("/api/v1/directory" + query);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}

public sealed class DirectorySqliteTests(SqliteApp app) : DirectoryTests(app), IClassFixture<SqliteApp>;

public sealed class DirectoryPostgresTests(PostgresApp app) : DirectoryTests(app), IClassFixture<PostgresApp>;
