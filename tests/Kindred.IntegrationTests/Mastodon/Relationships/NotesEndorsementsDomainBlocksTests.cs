using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Relationships;

public abstract class NotesEndorsementsDomainBlocksTests(KindredApp app)
{
    private async Task<(string Id, string Token)> MemberAsync(string username, UserRole role = UserRole.Member)
    {
        var user = await app.CreateUserAsync(username, role);
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username));
    }

    private async Task<JsonElement> PostAsync(string? token, string path, HttpStatusCode expected = HttpStatusCode.OK, Dictionary<string, string>? form = null) =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, new FormUrlEncodedContent(form ?? [])), expected);

    private async Task<JsonElement> GetAsync(string? token, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await KindredApp.Json(await app.Api(token).GetAsync(path), expected);

    private async Task<JsonElement> RelationshipAsync(string token, string id) =>
        (await GetAsync(token, $"/api/v1/accounts/relationships?id[]={id}"))[0];

    [Fact]
    public async Task ANoteIsShownToItsAuthorOnlyAndAnEmptyOneRemovesIt()
    {
        var (annId, ann) = await MemberAsync("note_ann");
        var (bobId, bob) = await MemberAsync("note_bob");

        var set = await PostAsync(ann, $"/api/v1/accounts/{bobId}/note", form: new() { ["comment"] = "Drives the van on Tuesdays" });
        Assert.Equal("Drives the van on Tuesdays", set.GetProperty("note").GetString());
        Assert.Equal("Drives the van on Tuesdays", (await RelationshipAsync(ann, bobId)).GetProperty("note").GetString());
        // Bob sees nothing of Ann's note, from either side.
        Assert.Equal("", (await RelationshipAsync(bob, annId)).GetProperty("note").GetString());
        Assert.DoesNotContain("Tuesdays", (await app.Api(bob).GetStringAsync($"/api/v1/accounts/{bobId}")), StringComparison.Ordinal);

        var tooLong = await PostAsync(ann, $"/api/v1/accounts/{bobId}/note", HttpStatusCode.UnprocessableEntity, new() { ["comment"] = new string('x', 2001) });
        Assert.Contains("2000", tooLong.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Drives the van on Tuesdays", (await RelationshipAsync(ann, bobId)).GetProperty("note").GetString());

        var cleared = await PostAsync(ann, $"/api/v1/accounts/{bobId}/note", form: new() { ["comment"] = "" });
        Assert.Equal("", cleared.GetProperty("note").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.AccountNotes.CountAsync()));
        await PostAsync(ann, "/api/v1/accounts/999999999/note", HttpStatusCode.NotFound, new() { ["comment"] = "x" });
        await PostAsync(null, $"/api/v1/accounts/{bobId}/note", HttpStatusCode.Unauthorized, new() { ["comment"] = "x" });
        await PostAsync(await app.AppTokenAsync(), $"/api/v1/accounts/{bobId}/note", HttpStatusCode.UnprocessableEntity, new() { ["comment"] = "x" });
    }

    [Fact]
    public async Task OneEndorsesOnlyAccountsOneFollowsAndUnfollowingEndsIt()
    {
        var (carolId, carol) = await MemberAsync("end_carol");
        var (danId, _) = await MemberAsync("end_dan");
        var refused = await PostAsync(carol, $"/api/v1/accounts/{danId}/pin", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("follow", refused.GetProperty("error").GetString(), StringComparison.Ordinal);

        await PostAsync(carol, $"/api/v1/accounts/{danId}/follow");
        var pinned = await PostAsync(carol, $"/api/v1/accounts/{danId}/pin");
        Assert.True(pinned.GetProperty("endorsed").GetBoolean());
        Assert.Equal([danId], (await GetAsync(carol, "/api/v1/endorsements")).EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal([danId], (await GetAsync(null, $"/api/v1/accounts/{carolId}/endorsements")).EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        // A hidden network hides what one features from everyone else.
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "end_carol").ExecuteUpdateAsync(x => x.SetProperty(a => a.HideCollections, true)));
        Assert.Equal(0, (await GetAsync(null, $"/api/v1/accounts/{carolId}/endorsements")).GetArrayLength());
        Assert.Equal(1, (await GetAsync(carol, $"/api/v1/accounts/{carolId}/endorsements")).GetArrayLength());

        Assert.False((await PostAsync(carol, $"/api/v1/accounts/{danId}/unpin")).GetProperty("endorsed").GetBoolean());
        await PostAsync(carol, $"/api/v1/accounts/{danId}/pin");
        await PostAsync(carol, $"/api/v1/accounts/{danId}/unfollow");
        Assert.False((await RelationshipAsync(carol, danId)).GetProperty("endorsed").GetBoolean());
        Assert.Equal(0, (await GetAsync(carol, "/api/v1/endorsements")).GetArrayLength());
        await GetAsync(null, "/api/v1/endorsements", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DomainBlocksAreListedPagedAndShownInRelationships()
    {
        var (_, eve) = await MemberAsync("dom_eve");
        await PostAsync(eve, "/api/v1/domain_blocks", form: new() { ["domain"] = "Spam.Example" });
        await PostAsync(eve, "/api/v1/domain_blocks", form: new() { ["domain"] = "https://second.example/some/path" });
        await PostAsync(eve, "/api/v1/domain_blocks", form: new() { ["domain"] = "spam.example" });
        var bad = await PostAsync(eve, "/api/v1/domain_blocks", HttpStatusCode.UnprocessableEntity, new() { ["domain"] = "not a domain" });
        Assert.Contains("server", bad.GetProperty("error").GetString(), StringComparison.Ordinal);
        await PostAsync(eve, "/api/v1/domain_blocks", HttpStatusCode.UnprocessableEntity, new() { ["domain"] = "" });
        await PostAsync(eve, "/api/v1/domain_blocks", HttpStatusCode.UnprocessableEntity, new() { ["domain"] = "localhost" });

        var first = await app.Api(eve).GetAsync("/api/v1/domain_blocks?limit=1");
        var page = await KindredApp.Json(first, HttpStatusCode.OK);
        Assert.Equal(["second.example"], page.EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("rel=\"next\"", first.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal(["second.example", "spam.example"], (await GetAsync(eve, "/api/v1/domain_blocks")).EnumerateArray().Select(d => d.GetString()));

        // A remote account of a blocked server shows domain_blocking; a local one never does.
        var remoteId = await app.WithDbAsync(async db =>
        {
            var account = new Account { Id = Kindred.Data.Snowflake.NewId(), Username = "far", UsernameNormalized = "far", Domain = "spam.example", CreatedAt = DateTime.UtcNow };
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            return account.Id.ToString(CultureInfo.InvariantCulture);
        });
        Assert.True((await RelationshipAsync(eve, remoteId)).GetProperty("domain_blocking").GetBoolean());
        var (localId, _) = await MemberAsync("dom_local");
        Assert.False((await RelationshipAsync(eve, localId)).GetProperty("domain_blocking").GetBoolean());

        var deleted = await KindredApp.Json(await app.Api(eve).SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/domain_blocks")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["domain"] = "spam.example" }),
        }), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Object, deleted.ValueKind);
        Assert.False((await RelationshipAsync(eve, remoteId)).GetProperty("domain_blocking").GetBoolean());
        Assert.Equal(["second.example"], (await GetAsync(eve, "/api/v1/domain_blocks")).EnumerateArray().Select(d => d.GetString()));

        // Each member's list is their own.
        var (_, other) = await MemberAsync("dom_other", UserRole.Admin);
        Assert.Equal(0, (await GetAsync(other, "/api/v1/domain_blocks")).GetArrayLength());
        await GetAsync(null, "/api/v1/domain_blocks", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task FamiliarFollowersShowOnlyFollowsThatCouldBeSeenAnyway()
    {
        var (_, viewer) = await MemberAsync("fam_viewer");
        var (openId, open) = await MemberAsync("fam_open");
        var (hiddenId, hidden) = await MemberAsync("fam_hidden");
        var (blockedId, blocked) = await MemberAsync("fam_blocked");
        var (targetId, _) = await MemberAsync("fam_target");
        var (strangerId, stranger) = await MemberAsync("fam_stranger");
        foreach (var id in new[] { openId, hiddenId, blockedId })
        {
            await PostAsync(viewer, $"/api/v1/accounts/{id}/follow");
        }
        foreach (var token in new[] { open, hidden, blocked, stranger })
        {
            await PostAsync(token, $"/api/v1/accounts/{targetId}/follow");
        }
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "fam_hidden").ExecuteUpdateAsync(x => x.SetProperty(a => a.HideCollections, true)));
        await PostAsync(blocked, $"/api/v1/accounts/{(await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "fam_viewer").Select(a => a.Id).SingleAsync())).ToString(CultureInfo.InvariantCulture)}/block");

        var answer = await GetAsync(viewer, $"/api/v1/accounts/familiar_followers?id[]={targetId}&id[]=999999999&id[]=nonsense");
        Assert.Equal(2, answer.GetArrayLength());
        Assert.Equal(targetId, answer[0].GetProperty("id").GetString());
        // Open follows; the hidden network, the block and the stranger (whom the viewer does not follow) stay out.
        Assert.Equal([openId], answer[0].GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(0, answer[1].GetProperty("accounts").GetArrayLength());

        // A target that hides its followers shows none.
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "fam_target").ExecuteUpdateAsync(x => x.SetProperty(a => a.HideCollections, true)));
        Assert.Equal(0, (await GetAsync(viewer, $"/api/v1/accounts/familiar_followers?id[]={targetId}"))[0].GetProperty("accounts").GetArrayLength());

        await GetAsync(null, $"/api/v1/accounts/familiar_followers?id[]={targetId}", HttpStatusCode.Unauthorized);
        var tooMany = string.Join("&", Enumerable.Range(1, 41).Select(i => $"id[]={i}"));
        await GetAsync(viewer, $"/api/v1/accounts/familiar_followers?{tooMany}", HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(strangerId);
    }
}

public sealed class NotesEndorsementsDomainBlocksSqliteTests(SqliteApp app) : NotesEndorsementsDomainBlocksTests(app), IClassFixture<SqliteApp>;

public sealed class NotesEndorsementsDomainBlocksPostgresTests(PostgresApp app) : NotesEndorsementsDomainBlocksTests(app), IClassFixture<PostgresApp>;
