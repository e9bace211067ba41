using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Notifications;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Mastodon.Notifications;

/// <summary>Grouped notifications v2 (ADR 79): group keys, samples, counts, paging, unread groups, one group and its accounts.</summary>
public abstract class GroupedNotificationsTests(KindredApp app)
{
    private async Task<(string Id, string Token)> MemberAsync(string username)
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username));
    }

    private async Task<JsonElement> PostAsync(string token, string path, Dictionary<string, string>? form = null) =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, new FormUrlEncodedContent(form ?? [])), HttpStatusCode.OK);

    private async Task<JsonElement> GetAsync(string token, string path) =>
        await KindredApp.Json(await app.Api(token).GetAsync(path), HttpStatusCode.OK);

    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;

    private static List<JsonElement> Groups(JsonElement results) => results.GetProperty("notification_groups").EnumerateArray().ToList();

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    [Fact]
    public async Task SeveralFavouritesOfOnePostAreOneGroupWithItsSampleAccounts()
    {
        var (_, owner) = await MemberAsync("gn_owner");
        var ownerId = (await GetAsync(owner, "/api/v1/accounts/verify_credentials")).GetProperty("id").GetString();
        var fans = new List<(string Id, string Token)>();
        foreach (var name in new[] { "gn_fan1", "gn_fan2", "gn_fan3" })
        {
            fans.Add(await MemberAsync(name));
        }
        var post = Id(await app.PostStatusAsync(owner, "a post many like"));
        var other = Id(await app.PostStatusAsync(owner, "another post"));
        foreach (var fan in fans)
        {
            await PostAsync(fan.Token, $"/api/v1/statuses/{post}/favourite");
        }
        await PostAsync(fans[0].Token, $"/api/v1/statuses/{other}/favourite");
        await PostAsync(fans[0].Token, $"/api/v1/statuses/{post}/reblog");
        await PostAsync(fans[1].Token, $"/api/v1/statuses/{post}/reblog");
        await PostAsync(fans[0].Token, $"/api/v1/accounts/{ownerId}/follow");
        await PostAsync(fans[1].Token, $"/api/v1/accounts/{ownerId}/follow");
        var mention = Id(await app.PostStatusAsync(fans[2].Token, "hello @gn_owner"));

        var results = await GetAsync(owner, "/api/v2/notifications");
        var groups = Groups(results);
        Assert.Equal(["mention", "follow", "reblog", "favourite", "favourite"], groups.Select(g => g.GetProperty("type").GetString()).ToList());
        Assert.Equal([1, 2, 2, 1, 3], groups.Select(g => g.GetProperty("notifications_count").GetInt32()).ToList());
        var favourites = groups[4];
        Assert.StartsWith($"favourite-{post}-", favourites.GetProperty("group_key").GetString(), StringComparison.Ordinal);
        Assert.Equal(post, favourites.GetProperty("status_id").GetString());
        // The newest sender first, as Mastodon's sample_account_ids.
        Assert.Equal([fans[2].Id, fans[1].Id, fans[0].Id], Strings(favourites.GetProperty("sample_account_ids")));
        Assert.StartsWith($"favourite-{other}-", groups[3].GetProperty("group_key").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("follow-", groups[1].GetProperty("group_key").GetString(), StringComparison.Ordinal);
        Assert.Equal("ungrouped-" + groups[0].GetProperty("most_recent_notification_id").GetString(), groups[0].GetProperty("group_key").GetString());
        Assert.Equal(mention, groups[0].GetProperty("status_id").GetString());
        foreach (var field in new[] { "most_recent_notification_id", "page_min_id", "page_max_id", "latest_page_notification_at" })
        {
            Assert.Equal(JsonValueKind.String, favourites.GetProperty(field).ValueKind);
        }
        // The page bounds are Mastodon's: within the page's range of newest notifications, so the follows (both inside it)
        // span two ids, and the page's last group starts at its newest.
        Assert.True(long.Parse(groups[1].GetProperty("page_min_id").GetString()!, CultureInfo.InvariantCulture)
            < long.Parse(groups[1].GetProperty("page_max_id").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(favourites.GetProperty("page_min_id").GetString(), favourites.GetProperty("page_max_id").GetString());
        Assert.Equal(favourites.GetProperty("page_max_id").GetString(), favourites.GetProperty("most_recent_notification_id").GetString());
        // Each account and status once, the groups pointing at them.
        Assert.Equal(fans.Select(f => f.Id).Order(), results.GetProperty("accounts").EnumerateArray().Select(Id).Order());
        Assert.Equal(new[] { mention, post, other }.Order(), results.GetProperty("statuses").EnumerateArray().Select(Id).Order());

        // The v1 list names the same group key on each notification.
        var v1 = await GetAsync(owner, "/api/v1/notifications?types[]=favourite");
        Assert.Equal(4, v1.GetArrayLength());
        Assert.Equal(3, v1.EnumerateArray().Count(n => n.GetProperty("group_key").GetString() == favourites.GetProperty("group_key").GetString()));

        // grouped_types[] narrows what groups: boosts then stand alone.
        var narrowed = Groups(await GetAsync(owner, "/api/v2/notifications?grouped_types[]=favourite&types[]=reblog&types[]=favourite"));
        Assert.Equal(["reblog", "reblog", "favourite", "favourite"], narrowed.Select(g => g.GetProperty("type").GetString()).ToList());
        Assert.All(narrowed.Take(2), g => Assert.StartsWith("ungrouped-", g.GetProperty("group_key").GetString(), StringComparison.Ordinal));

        // partial_avatars: only each group's newest sender in full.
        var partial = await GetAsync(owner, "/api/v2/notifications?expand_accounts=partial_avatars&types[]=favourite");
        Assert.Equal(new[] { fans[0].Id, fans[2].Id }.Order(), partial.GetProperty("accounts").EnumerateArray().Select(Id).Order());
        Assert.Equal([fans[1].Id], partial.GetProperty("partial_accounts").EnumerateArray().Select(Id).ToList());
        Assert.Equal(JsonValueKind.Null, results.GetProperty("partial_accounts").ValueKind);

        // One group, its accounts, and dismissing it.
        var key = favourites.GetProperty("group_key").GetString()!;
        var one = Groups(await GetAsync(owner, $"/api/v2/notifications/{key}"));
        Assert.Equal(3, Assert.Single(one).GetProperty("notifications_count").GetInt32());
        Assert.Equal([fans[2].Id, fans[1].Id, fans[0].Id], (await GetAsync(owner, $"/api/v2/notifications/{key}/accounts")).EnumerateArray().Select(Id).ToList());
        var mentionKey = groups[0].GetProperty("group_key").GetString()!;
        Assert.Equal("mention", Assert.Single(Groups(await GetAsync(owner, $"/api/v2/notifications/{mentionKey}"))).GetProperty("type").GetString());

        // Nobody else reads or dismisses the owner's groups.
        var (_, stranger) = await MemberAsync("gn_stranger");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(stranger).GetAsync($"/api/v2/notifications/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(stranger).GetAsync($"/api/v2/notifications/{mentionKey}/accounts")).StatusCode);
        await PostAsync(stranger, $"/api/v2/notifications/{key}/dismiss");
        await PostAsync(stranger, $"/api/v2/notifications/{mentionKey}/dismiss");
        Assert.Equal(5, Groups(await GetAsync(owner, "/api/v2/notifications")).Count);

        await PostAsync(owner, $"/api/v2/notifications/{key}/dismiss");
        await PostAsync(owner, $"/api/v2/notifications/{mentionKey}/dismiss");
        Assert.Equal(["follow", "reblog", "favourite"], Groups(await GetAsync(owner, "/api/v2/notifications")).Select(g => g.GetProperty("type").GetString()).ToList());
        Assert.Equal(1, (await GetAsync(owner, "/api/v1/notifications?types[]=favourite")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(owner).GetAsync($"/api/v2/notifications/{key}")).StatusCode);
    }

    [Fact]
    public async Task GroupsPageByGroupWithLinkHeaders()
    {
        var (_, owner) = await MemberAsync("gp_owner");
        var (_, a) = await MemberAsync("gp_a");
        var (_, b) = await MemberAsync("gp_b");
        var posts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add(Id(await app.PostStatusAsync(owner, $"post {i}")));
        }
        foreach (var post in posts)
        {
            await PostAsync(a, $"/api/v1/statuses/{post}/favourite");
            await PostAsync(b, $"/api/v1/statuses/{post}/favourite");
        }

        var first = await app.Api(owner).GetAsync("/api/v2/notifications?limit=2");
        var page1 = Groups(await KindredApp.Json(first, HttpStatusCode.OK));
        Assert.Equal([posts[2], posts[1]], page1.Select(g => g.GetProperty("status_id").GetString()).ToList());
        Assert.All(page1, g => Assert.Equal(2, g.GetProperty("notifications_count").GetInt32()));
        var link = string.Join(",", first.Headers.GetValues("Link"));
        var next = System.Text.RegularExpressions.Regex.Match(link, "<([^>]+)>; rel=\"next\"").Groups[1].Value;
        Assert.Contains("max_id=" + page1[1].GetProperty("most_recent_notification_id").GetString(), next, StringComparison.Ordinal);
        var page2 = Groups(await GetAsync(owner, new Uri(next).PathAndQuery));
        // As in Mastodon, a group with older notifications below the bound shows again, counting only those (the
        // client merges groups by key), then the next group.
        Assert.Equal([posts[1], posts[0]], page2.Select(g => g.GetProperty("status_id").GetString()).ToList());
        Assert.Equal([1, 2], page2.Select(g => g.GetProperty("notifications_count").GetInt32()).ToList());
        Assert.Equal(page1[1].GetProperty("group_key").GetString(), page2[0].GetProperty("group_key").GetString());
        Assert.Equal(page2[0].GetProperty("page_min_id").GetString(), page2[0].GetProperty("page_max_id").GetString());
        // min_id gives the groups just above, newest first.
        var above = Groups(await GetAsync(owner, $"/api/v2/notifications?min_id={page2[1].GetProperty("most_recent_notification_id").GetString()}&limit=1"));
        Assert.Equal([posts[1]], above.Select(g => g.GetProperty("status_id").GetString()).ToList());
    }

    [Fact]
    public async Task UnreadCountCountsGroupsUpToTheLimit()
    {
        var (_, owner) = await MemberAsync("gu_owner");
        var post = Id(await app.PostStatusAsync(owner, "like me"));
        foreach (var name in new[] { "gu_1", "gu_2", "gu_3" })
        {
            var (_, fan) = await MemberAsync(name);
            await PostAsync(fan, $"/api/v1/statuses/{post}/favourite");
        }
        var (_, talker) = await MemberAsync("gu_talker");
        await app.PostStatusAsync(talker, "hi @gu_owner");

        Assert.Equal(2, (await GetAsync(owner, "/api/v2/notifications/unread_count")).GetProperty("count").GetInt32());
        Assert.Equal(4, (await GetAsync(owner, "/api/v1/notifications/unread_count")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await GetAsync(owner, "/api/v2/notifications/unread_count?limit=1")).GetProperty("count").GetInt32());
        Assert.Equal(4, (await GetAsync(owner, "/api/v2/notifications/unread_count?grouped_types[]=reblog")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await GetAsync(owner, "/api/v2/notifications/unread_count?types[]=favourite")).GetProperty("count").GetInt32());
        var newest = (await GetAsync(owner, "/api/v1/notifications"))[0].GetProperty("id").GetString()!;
        await PostAsync(owner, "/api/v1/markers", new() { ["notifications[last_read_id]"] = newest });
        Assert.Equal(0, (await GetAsync(owner, "/api/v2/notifications/unread_count")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task OnlyTheMemberWithTheRightScopeReadsGroups()
    {
        var (_, member) = await MemberAsync("gr_member");
        var lacking = await app.TokenAsync("gr_member", "read:statuses write:statuses");
        var appToken = await app.AppTokenAsync();
        foreach (var path in new[] { "/api/v2/notifications", "/api/v2/notifications/unread_count", "/api/v2/notifications/ungrouped-1", "/api/v2/notifications/policy", "/api/v1/notifications/requests" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).GetAsync(path)).StatusCode);
            Assert.True((int)(await app.Api(appToken).GetAsync(path)).StatusCode is >= 400 and < 500, path);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).PostAsync("/api/v2/notifications/ungrouped-1/dismiss", null)).StatusCode);
        Assert.Empty(Groups(await GetAsync(member, "/api/v2/notifications")));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(member).GetAsync("/api/v2/notifications/ungrouped-notanumber")).StatusCode);
    }

    [Fact]
    public void AidAnswersGroupPerItemSafeguardingStaysAloneAndGroupsSpanTwelveHours()
    {
        Assert.Equal("aid_response-42-", NotificationGroups.Prefix("aid_response", new(AidItemId: 42)));
        Assert.Equal("reblog-7-", NotificationGroups.Prefix("reblog", new(StatusId: 7)));
        Assert.Null(NotificationGroups.Prefix("aid_escalation", new(AidItemId: 42)));
        Assert.Null(NotificationGroups.Prefix("safety_escalation", new()));
        Assert.Null(NotificationGroups.Prefix("admin.report", new(ReportId: 3)));
        Assert.Null(NotificationGroups.Prefix("mention", new(StatusId: 1)));
        var start = new DateTime(2026, 1, 1, 10, 30, 0, DateTimeKind.Utc);
        var first = NotificationGroups.Key("follow-", start, null);
        Assert.Equal(first, NotificationGroups.Key("follow-", start.AddHours(11), first));
        Assert.NotEqual(first, NotificationGroups.Key("follow-", start.AddHours(12), first));
    }
}

public sealed class GroupedNotificationsSqliteTests(SqliteApp app) : GroupedNotificationsTests(app), IClassFixture<SqliteApp>;

public sealed class GroupedNotificationsPostgresTests(PostgresApp app) : GroupedNotificationsTests(app), IClassFixture<PostgresApp>;
