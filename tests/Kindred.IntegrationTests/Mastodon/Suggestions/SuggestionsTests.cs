using System.Net;
using System.Text.Json;
using Kindred.Core.Relationships;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Suggestions;

/// <summary>GET /api/v2/suggestions: people you may know, in Mastodon's shape with Kindred's reasons, never anyone the
/// caller has excluded or who opted out, never using what a profile hides.</summary>
public abstract class SuggestionsTests(KindredApp app)
{
    private static async Task<JsonElement> GetAsync(HttpClient client, string url) =>
        await KindredApp.Json(await client.GetAsync(url), HttpStatusCode.OK);

    private static List<string> Usernames(JsonElement suggestions) =>
        suggestions.EnumerateArray().Select(s => s.GetProperty("account").GetProperty("username").GetString()!).ToList();

    private async Task WithRelationshipsAsync(Func<RelationshipService, Task> action) =>
        await app.WithServicesAsync(async s =>
        {
            await action(s.GetRequiredService<RelationshipService>());
            return true;
        });

    [Fact]
    public async Task ASuggestionHasMastodonsShapeAndKindredsReasons()
    {
        var viewer = await app.CreateUserAsync("sug_shape");
        await app.SetInterestsAsync(viewer.Id, ["Origami"]);
        var folder = await app.CreateUserAsync("sug_folder");
        await app.SetInterestsAsync(folder.Id, ["Origami"]);

        var body = await GetAsync(app.Api(await app.TokenAsync("sug_shape", "read")), "/api/v2/suggestions");
        var suggestion = Assert.Single(body.EnumerateArray());
        Assert.Equal("global", suggestion.GetProperty("source").GetString());
        Assert.Equal(["similar_to_recently_followed"], suggestion.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(folder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), suggestion.GetProperty("account").GetProperty("id").GetString());
        var reason = Assert.Single(suggestion.GetProperty("kindred").GetProperty("reasons").EnumerateArray());
        Assert.Equal("shared_interest", reason.GetProperty("type").GetString());
        Assert.Equal("Origami", reason.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task NobodyTheCallerExcludedOrWhoOptedOutIsSuggested()
    {
        var viewer = await app.CreateUserAsync("sug_viewer");
        await app.SetInterestsAsync(viewer.Id, ["Calligraphie"]);
        var names = new[] { "sug_ok", "sug_followed", "sug_requested", "sug_blocked", "sug_blocker", "sug_muted", "sug_undiscoverable", "sug_disabled" };
        var ids = new Dictionary<string, long>();
        foreach (var name in names)
        {
            var user = await app.CreateUserAsync(name);
            ids[name] = user.Id;
            await app.SetInterestsAsync(user.Id, ["Calligraphie"]);
        }
        await app.WithDbAsync(async db =>
        {
            await db.Accounts.Where(a => a.Id == ids["sug_requested"]).ExecuteUpdateAsync(s => s.SetProperty(a => a.Locked, true));
            await db.Accounts.Where(a => a.Id == ids["sug_undiscoverable"]).ExecuteUpdateAsync(s => s.SetProperty(a => a.Discoverable, false));
            await db.Users.Where(u => u.Id == ids["sug_disabled"]).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Disabled));
        });
        await WithRelationshipsAsync(async r =>
        {
            await r.FollowAsync(viewer.Id, ids["sug_followed"]);
            await r.FollowAsync(viewer.Id, ids["sug_requested"]);
            await r.BlockAsync(viewer.Id, ids["sug_blocked"]);
            await r.BlockAsync(ids["sug_blocker"], viewer.Id);
            await r.MuteAsync(viewer.Id, ids["sug_muted"]);
        });

        var body = await GetAsync(app.Api(await app.TokenAsync("sug_viewer", "read:accounts")), "/api/v2/suggestions");
        Assert.Equal(["sug_ok"], Usernames(body));
    }

    [Fact]
    public async Task AHiddenAreaOrHiddenInterestsAreNeitherUsedNorShown()
    {
        var viewer = await app.CreateUserAsync("sug_home");
        await app.SetHomeAsync(viewer.Id, 51.51, -0.13, "Soho");
        await app.SetInterestsAsync(viewer.Id, ["Aviron"]);
        var shown = await app.CreateUserAsync("sug_near_shown");
        await app.SetHomeAsync(shown.Id, 51.52, -0.12, "Riverside");
        var hidden = await app.CreateUserAsync("sug_near_hidden");
        await app.SetHomeAsync(hidden.Id, 51.50, -0.14, "Hiddenham", ProfileVisibility.OnlyMe);
        var hiddenTags = await app.CreateUserAsync("sug_tags_hidden");
        await app.SetInterestsAsync(hiddenTags.Id, ["Aviron"], ProfileVisibility.OnlyMe);
        // Shares a group, so it is suggested, but for the group only: its hidden area stays out of the reasons.
        var groupmate = await app.CreateUserAsync("sug_groupmate");
        await app.SetHomeAsync(groupmate.Id, 51.51, -0.12, "Quietfield", ProfileVisibility.OnlyMe);
        var group = await app.AddGroupAsync("sug-rowing", groupmate.Id);
        await app.JoinAsync(group.Id, viewer.Id);
        var far = await app.CreateUserAsync("sug_far");
        await app.SetHomeAsync(far.Id, 53.48, -2.24, "Manchester");

        var response = await app.Api(await app.TokenAsync("sug_home", "read")).GetAsync("/api/v2/suggestions");
        var raw = await response.Content.ReadAsStringAsync();
        var body = await KindredApp.Json(response, HttpStatusCode.OK);
        Assert.Equal(["sug_groupmate", "sug_near_shown"], Usernames(body).Order(StringComparer.Ordinal));
        var near = body.EnumerateArray().Single(s => s.GetProperty("account").GetProperty("username").GetString() == "sug_near_shown");
        var reason = Assert.Single(near.GetProperty("kindred").GetProperty("reasons").EnumerateArray());
        Assert.Equal("nearby", reason.GetProperty("type").GetString());
        Assert.Equal("Riverside", reason.GetProperty("area").GetString());
        var mate = body.EnumerateArray().Single(s => s.GetProperty("account").GetProperty("username").GetString() == "sug_groupmate");
        Assert.Equal(["shared_groups"], mate.GetProperty("kindred").GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("type").GetString()));
        Assert.DoesNotContain("Quietfield", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Hiddenham", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FriendsOfFriendsAndFollowersAreSuggestedUnlessAFriendHidesTheirNetwork()
    {
        var viewer = await app.CreateUserAsync("sug_fof");
        var friend = await app.CreateUserAsync("sug_fof_friend");
        var shy = await app.CreateUserAsync("sug_fof_shy");
        var friendOfFriend = await app.CreateUserAsync("sug_fof_target");
        var shyFriend = await app.CreateUserAsync("sug_fof_shy_target");
        var fan = await app.CreateUserAsync("sug_fof_fan");
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == shy.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.HideCollections, true)));
        await WithRelationshipsAsync(async r =>
        {
            await r.FollowAsync(viewer.Id, friend.Id);
            await r.FollowAsync(viewer.Id, shy.Id);
            await r.FollowAsync(friend.Id, friendOfFriend.Id);
            await r.FollowAsync(shy.Id, shyFriend.Id);
            await r.FollowAsync(fan.Id, viewer.Id);
        });

        var body = await GetAsync(app.Api(await app.TokenAsync("sug_fof", "read")), "/api/v2/suggestions");
        Assert.Equal(["sug_fof_fan", "sug_fof_target"], Usernames(body));
        var fanSuggestion = body[0];
        Assert.Equal("past_interactions", fanSuggestion.GetProperty("source").GetString());
        Assert.Equal("follows_you", fanSuggestion.GetProperty("kindred").GetProperty("reasons")[0].GetProperty("type").GetString());
        var mutual = body[1].GetProperty("kindred").GetProperty("reasons")[0];
        Assert.Equal("mutual_follows", mutual.GetProperty("type").GetString());
        Assert.Equal(1, mutual.GetProperty("count").GetInt32());
        Assert.Equal(["friends_of_friends"], body[1].GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task LimitCapsTheListAndABadLimitIsRefused()
    {
        var viewer = await app.CreateUserAsync("sug_limit");
        await app.SetInterestsAsync(viewer.Id, ["Marqueterie"]);
        for (var i = 0; i < 3; i++)
        {
            var other = await app.CreateUserAsync($"sug_limit_{i}");
            await app.SetInterestsAsync(other.Id, ["Marqueterie"]);
        }
        var api = app.Api(await app.TokenAsync("sug_limit", "read"));

        Assert.Equal(3, (await GetAsync(api, "/api/v2/suggestions")).GetArrayLength());
        Assert.Equal(["sug_limit_2"], Usernames(await GetAsync(api, "/api/v2/suggestions?limit=1")));
        var bad = await api.GetAsync("/api/v2/suggestions?limit=many");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("limit", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenWithoutTheScopeIsRefusedWith403()
    {
        await app.CreateUserAsync("sug_scope");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(await app.TokenAsync("sug_scope", "write")).GetAsync("/api/v2/suggestions")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(await app.AppTokenAsync("read")).GetAsync("/api/v2/suggestions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v2/suggestions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(await app.TokenAsync("sug_scope", "read:accounts")).GetAsync("/api/v2/suggestions")).StatusCode);
    }
}

public sealed class SuggestionsSqliteTests(SqliteApp app) : SuggestionsTests(app), IClassFixture<SqliteApp>;

public sealed class SuggestionsPostgresTests(PostgresApp app) : SuggestionsTests(app), IClassFixture<PostgresApp>;
