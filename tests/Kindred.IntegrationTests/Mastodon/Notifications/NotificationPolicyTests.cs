using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Notifications;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Notifications;

/// <summary>The notification policy and requests (ADR 79): who is accepted, filtered or dropped, and that what is held
/// back shows nowhere (list, counts, stream, digest) until accepted.</summary>
public abstract class NotificationPolicyTests(KindredApp app)
{
    private async Task<(long Id, string Token)> MemberAsync(string username, bool oldAccount = true, UserRole role = UserRole.Member)
    {
        var user = await app.CreateUserAsync(username, role);
        if (oldAccount)
        {
            // Test accounts are made now; all but the "new account" are made old so only that policy is at play.
            await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, DateTime.UtcNow.AddDays(-90))));
        }
        return (user.Id, await app.TokenAsync(username));
    }

    private async Task FollowAsync((long Id, string Token) follower, (long Id, string Token) target, int daysAgo = 10)
    {
        await PostAsync(follower.Token, $"/api/v1/accounts/{target.Id}/follow");
        await app.WithDbAsync(db => db.Follows.Where(f => f.AccountId == follower.Id && f.TargetAccountId == target.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CreatedAt, DateTime.UtcNow.AddDays(-daysAgo))));
    }

    private async Task<JsonElement> PostAsync(string token, string path, Dictionary<string, string>? form = null) =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, new FormUrlEncodedContent(form ?? [])), HttpStatusCode.OK);

    private async Task<JsonElement> GetAsync(string token, string path) =>
        await KindredApp.Json(await app.Api(token).GetAsync(path), HttpStatusCode.OK);

    private async Task<JsonElement> PatchAsync(string token, string path, Dictionary<string, string> form) =>
        await KindredApp.Json(await app.Api(token).PatchAsync(path, new FormUrlEncodedContent(form)), HttpStatusCode.OK);

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<List<string>> SendersAsync(string token, string query = "") =>
        (await GetAsync(token, "/api/v1/notifications" + query)).EnumerateArray().Select(n => n.GetProperty("account").GetProperty("username").GetString()!).ToList();

    private async Task<List<string>> RequestSendersAsync(string token) =>
        (await GetAsync(token, "/api/v1/notifications/requests")).EnumerateArray().Select(r => r.GetProperty("account").GetProperty("username").GetString()!).ToList();

    /// <summary>
    /// Under the default policy a favourite is accepted whoever sends it, so Notify looks up only the policy row and the
    /// sender's limits (ADR 89); it once ran six more queries (follows both ways, the sender's age, permission, staff and
    /// organization) for every favourite and mention. The bound is the whole request's statements today.
    /// </summary>
    [Fact]
    public async Task AFavouriteUnderTheDefaultPolicyAsksTheDatabaseOnlyWhatThePolicyNeeds()
    {
        var (authorId, author) = await MemberAsync("pq_author");
        var (_, fan) = await MemberAsync("pq_fan");
        var id = (await app.PostStatusAsync(author, "Counting statements")).GetProperty("id").GetString()!;
        // The fan's token is validated once and then kept (ADR 89), as for any app that made a request before.
        await GetAsync(fan, "/api/v1/accounts/verify_credentials");

        List<string> statements;
        using (var log = new SqlCommandLog(app))
        {
            await PostAsync(fan, $"/api/v1/statuses/{id}/favourite");
            statements = [.. log.Statements];
        }

        Assert.Equal(["pq_fan"], await SendersAsync(author));
        Assert.Equal(authorId.ToString(CultureInfo.InvariantCulture), (await GetAsync(author, "/api/v1/accounts/verify_credentials")).GetProperty("id").GetString());
        var all = string.Join("\n---\n", statements);
        Assert.DoesNotContain("\"NotificationPermissions\"", all, StringComparison.Ordinal);
        Assert.True(statements.Count <= FavouriteStatements, $"{statements.Count} statements for one favourite (at most {FavouriteStatements}):\n{all}");
    }

    /// <summary>The statements of one favourite under the default policy (ADR 89: 27 on SQLite, 26 on PostgreSQL; ADR 92:
    /// 27 on both, one of them a background job's claim: the stored favourites count's UPDATE came in, the rendered
    /// author's statuses_count query went out, December 2026); raise it only for a reason.</summary>
    private const int FavouriteStatements = 27;

    [Fact]
    public async Task ThePolicyStartsAtKindredsDefaultsInBothShapes()
    {
        var (_, me) = await MemberAsync("pd_me");
        var v2 = await GetAsync(me, "/api/v2/notifications/policy");
        Assert.Equal("accept", v2.GetProperty("for_not_following").GetString());
        Assert.Equal("accept", v2.GetProperty("for_not_followers").GetString());
        Assert.Equal("accept", v2.GetProperty("for_new_accounts").GetString());
        Assert.Equal("accept", v2.GetProperty("for_private_mentions").GetString());
        Assert.Equal("filter", v2.GetProperty("for_limited_accounts").GetString());
        Assert.Equal(0, v2.GetProperty("summary").GetProperty("pending_requests_count").GetInt32());
        Assert.Equal(0, v2.GetProperty("summary").GetProperty("pending_notifications_count").GetInt32());
        var v1 = await GetAsync(me, "/api/v1/notifications/policy");
        Assert.False(v1.GetProperty("filter_not_following").GetBoolean());
        Assert.False(v1.GetProperty("filter_private_mentions").GetBoolean());

        // Bad input changes nothing.
        var bad = await app.Api(me).PatchAsync("/api/v2/notifications/policy", new FormUrlEncodedContent(new Dictionary<string, string> { ["for_not_following"] = "filter", ["for_new_accounts"] = "maybe" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("accept", (await GetAsync(me, "/api/v2/notifications/policy")).GetProperty("for_not_following").GetString());

        Assert.Equal("drop", (await PatchAsync(me, "/api/v2/notifications/policy", new() { ["for_new_accounts"] = "drop" })).GetProperty("for_new_accounts").GetString());
        var put = await KindredApp.Json(await app.Api(me).PutAsync("/api/v1/notifications/policy", new FormUrlEncodedContent(new Dictionary<string, string> { ["filter_not_following"] = "true", ["filter_private_mentions"] = "false" })), HttpStatusCode.OK);
        Assert.True(put.GetProperty("filter_not_following").GetBoolean());
        Assert.True(put.GetProperty("filter_new_accounts").GetBoolean());
        var after = await GetAsync(me, "/api/v2/notifications/policy");
        Assert.Equal("filter", after.GetProperty("for_not_following").GetString());
        Assert.Equal("accept", after.GetProperty("for_private_mentions").GetString());
        Assert.Equal("drop", after.GetProperty("for_new_accounts").GetString());
    }

    /// <summary>
    /// Each policy answer against each kind of sender: a stranger, a friend (followed, following for 10 days), an old
    /// follower not followed back, a follower of today not followed back, and a new account that is a friend.
    /// </summary>
    [Theory]
    [InlineData("for_not_following", "accept")]
    [InlineData("for_not_following", "filter")]
    [InlineData("for_not_following", "drop")]
    [InlineData("for_not_followers", "accept")]
    [InlineData("for_not_followers", "filter")]
    [InlineData("for_not_followers", "drop")]
    [InlineData("for_new_accounts", "accept")]
    [InlineData("for_new_accounts", "filter")]
    [InlineData("for_new_accounts", "drop")]
    [InlineData("for_private_mentions", "accept")]
    [InlineData("for_private_mentions", "filter")]
    [InlineData("for_private_mentions", "drop")]
    public async Task EachPolicyAnswerReachesOnlyTheSendersItNames(string field, string value)
    {
        var p = field switch
        {
            "for_not_following" => "mng",
            "for_not_followers" => "mnr",
            "for_new_accounts" => "mna",
            _ => "mpm",
        } + value[0];
        var me = await MemberAsync(p + "_me");
        var stranger = await MemberAsync(p + "_str");
        var friend = await MemberAsync(p + "_fri");
        var follower = await MemberAsync(p + "_fol");
        var fresh = await MemberAsync(p + "_fre");
        var newcomer = await MemberAsync(p + "_new", oldAccount: false);
        await FollowAsync(me, friend);
        await FollowAsync(friend, me);
        await FollowAsync(follower, me);
        await FollowAsync(fresh, me, daysAgo: 0);
        await FollowAsync(me, newcomer);
        await FollowAsync(newcomer, me);
        // Only the field under test differs from "accept".
        var policy = new Dictionary<string, string>
        {
            ["for_not_following"] = "accept",
            ["for_not_followers"] = "accept",
            ["for_new_accounts"] = "accept",
            ["for_private_mentions"] = "accept",
            ["for_limited_accounts"] = "accept",
        };
        policy[field] = value;
        await PatchAsync(me.Token, "/api/v2/notifications/policy", policy);
        // Clear the follow notifications that setting up made.
        await PostAsync(me.Token, "/api/v1/notifications/clear");

        var visibility = field == "for_private_mentions" ? "direct" : "public";
        var senders = new[] { (stranger, "str"), (friend, "fri"), (follower, "fol"), (fresh, "fre"), (newcomer, "new") };
        foreach (var (sender, _) in senders)
        {
            await app.PostStatusAsync(sender.Token, $"hello @{p}_me", visibility);
        }
        string[] named = field switch
        {
            "for_not_following" => ["str", "fol", "fre"],
            "for_not_followers" => ["str", "fre"],
            "for_new_accounts" => ["new"],
            _ => ["str", "fol", "fre"],
        };
        var all = senders.Select(s => p + "_" + s.Item2).ToList();
        var affected = named.Select(n => p + "_" + n).ToList();
        var shown = await SendersAsync(me.Token);
        var requests = await RequestSendersAsync(me.Token);
        var expectedShown = value == "accept" ? all : all.Except(affected).ToList();
        Assert.Equal(expectedShown.Order(), shown.Order());
        Assert.Equal((value == "filter" ? affected : []).Order(), requests.Order());
        var summary = (await GetAsync(me.Token, "/api/v2/notifications/policy")).GetProperty("summary");
        Assert.Equal(value == "filter" ? affected.Count : 0, summary.GetProperty("pending_requests_count").GetInt32());
        Assert.Equal(value == "filter" ? affected.Count : 0, summary.GetProperty("pending_notifications_count").GetInt32());
        Assert.Equal(expectedShown.Count, (await GetAsync(me.Token, "/api/v1/notifications/unread_count")).GetProperty("count").GetInt32());
        Assert.Equal(expectedShown.Count, (await GetAsync(me.Token, "/api/v2/notifications/unread_count")).GetProperty("count").GetInt32());
        // include_filtered shows what was held back (nothing was kept of what was dropped).
        Assert.Equal(value == "drop" ? expectedShown.Count : all.Count, (await SendersAsync(me.Token, "?include_filtered=true")).Count);
    }

    [Fact]
    public async Task PrivateMentionsThatAnswerTheMemberAndPublicOnesAreNotUnsolicited()
    {
        var me = await MemberAsync("pa_me");
        var stranger = await MemberAsync("pa_stranger");
        // Kindred accepts private mentions by default; this member chose Mastodon's filter.
        await PatchAsync(me.Token, "/api/v2/notifications/policy", new() { ["for_private_mentions"] = "filter" });
        var mine = (await app.PostStatusAsync(me.Token, "a question, anyone?")).GetProperty("id").GetString();
        await app.PostStatusAsync(stranger.Token, "@pa_me here is my answer", "direct", inReplyToId: mine);
        await app.PostStatusAsync(stranger.Token, "@pa_me hi in public");
        Assert.Equal(2, (await SendersAsync(me.Token)).Count);
        await app.PostStatusAsync(stranger.Token, "@pa_me out of the blue", "direct");
        Assert.Equal(2, (await SendersAsync(me.Token)).Count);
        Assert.Equal(["pa_stranger"], await RequestSendersAsync(me.Token));
    }

    [Fact]
    public async Task StaffAndTheOrganizationAreNeverFilteredNorDropped()
    {
        var me = await MemberAsync("ps_me");
        var staff = await MemberAsync("ps_staff", role: UserRole.Staff);
        var moderator = await MemberAsync("ps_mod", role: UserRole.Moderator);
        var stranger = await MemberAsync("ps_stranger", oldAccount: false);
        await PatchAsync(me.Token, "/api/v2/notifications/policy", new()
        {
            ["for_not_following"] = "drop",
            ["for_not_followers"] = "drop",
            ["for_new_accounts"] = "drop",
            ["for_private_mentions"] = "drop",
            ["for_limited_accounts"] = "drop",
        });
        await app.PostStatusAsync(staff.Token, "@ps_me a word from the team", "direct");
        await app.PostStatusAsync(moderator.Token, "@ps_me about your report", "direct");
        await app.PostStatusAsync(stranger.Token, "@ps_me hello", "direct");
        Assert.Equal(["ps_mod", "ps_staff"], (await SendersAsync(me.Token)).Order().ToList());
        Assert.Empty(await RequestSendersAsync(me.Token));
    }

    [Fact]
    public async Task AFilteredNotificationLeaksNeitherByCountsNorStreamNorMailUntilAccepted()
    {
        var me = await MemberAsync("pl_me");
        var friend = await MemberAsync("pl_friend");
        var stranger = await MemberAsync("pl_stranger");
        var other = await MemberAsync("pl_other");
        await FollowAsync(me, friend);
        await PatchAsync(me.Token, "/api/v2/notifications/policy", new() { ["for_not_following"] = "filter" });
        await PostAsync(me.Token, "/api/v1/notifications/clear");
        var since = DateTime.UtcNow.AddMinutes(-1);

        await using var stream = await StreamClient.ConnectAsync(app, $"?stream=user:notification&access_token={me.Token}");
        var held = (await app.PostStatusAsync(stranger.Token, "@pl_me psst")).GetProperty("id").GetString();
        await app.PostStatusAsync(friend.Token, "@pl_me hello friend");
        // The first event on the stream is the friend's: the stranger's never came.
        var (_, eventName, payload) = await stream.NextEventAsync();
        Assert.Equal("notification", eventName);
        Assert.Equal("pl_friend", JsonDocument.Parse(payload).RootElement.GetProperty("account").GetProperty("username").GetString());

        Assert.Equal(["pl_friend"], await SendersAsync(me.Token));
        Assert.Single((await GetAsync(me.Token, "/api/v2/notifications")).GetProperty("notification_groups").EnumerateArray());
        Assert.Equal(1, (await GetAsync(me.Token, "/api/v1/notifications/unread_count")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await GetAsync(me.Token, "/api/v2/notifications/unread_count")).GetProperty("count").GetInt32());
        // What the digest mails as missed is the same shown set.
        var missed = await app.WithServicesAsync(s => s.GetRequiredService<NotificationQueries>()
            .UnreadBetweenAsync(me.Id, [NotificationTypes.Mention], since, DateTime.UtcNow.AddMinutes(1), 10));
        Assert.Equal([friend.Id], missed.Select(n => n.FromAccountId).ToList());
        // The held notification is not the web page's either, but the request is.
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, "pl_me", KindredApp.Password);
        var page = await Html.GetAsync(browser, "/notifications");
        Assert.DoesNotContain("pl_stranger", page, StringComparison.Ordinal);
        Assert.Contains("/notifications/requests", page, StringComparison.Ordinal);
        Assert.Contains("pl_stranger", await Html.GetAsync(browser, "/notifications/requests"), StringComparison.Ordinal);

        var request = Assert.Single((await GetAsync(me.Token, "/api/v1/notifications/requests")).EnumerateArray());
        Assert.Equal(S(stranger.Id), request.GetProperty("id").GetString());
        Assert.Equal("1", request.GetProperty("notifications_count").GetString());
        Assert.Equal(held, request.GetProperty("last_status").GetProperty("id").GetString());
        Assert.Equal(S(stranger.Id), (await GetAsync(me.Token, $"/api/v1/notifications/requests/{stranger.Id}")).GetProperty("id").GetString());
        // Nobody else sees or acts on it.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(other.Token).GetAsync($"/api/v1/notifications/requests/{stranger.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(other.Token).PostAsync($"/api/v1/notifications/requests/{stranger.Id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(me.Token).GetAsync($"/api/v1/notifications/requests/{friend.Id}")).StatusCode);
        // A block hides the request as it hides notifications.
        await PostAsync(me.Token, $"/api/v1/accounts/{stranger.Id}/block");
        Assert.Empty(await RequestSendersAsync(me.Token));
        Assert.Equal(0, (await GetAsync(me.Token, "/api/v2/notifications/policy")).GetProperty("summary").GetProperty("pending_requests_count").GetInt32());
    }

    [Fact]
    public async Task AcceptingShowsTheHeldNotificationsAndLetsTheSenderThroughWhileDismissingDropsThem()
    {
        var me = await MemberAsync("pr_me");
        var a = await MemberAsync("pr_a");
        var b = await MemberAsync("pr_b");
        var c = await MemberAsync("pr_c");
        var d = await MemberAsync("pr_d");
        await PatchAsync(me.Token, "/api/v2/notifications/policy", new() { ["for_not_following"] = "filter" });
        foreach (var sender in new[] { a, b, c, d })
        {
            await app.PostStatusAsync(sender.Token, "@pr_me one");
        }
        await app.PostStatusAsync(a.Token, "@pr_me two");
        Assert.Empty(await SendersAsync(me.Token));
        Assert.Equal(["pr_a", "pr_b", "pr_c", "pr_d"], (await RequestSendersAsync(me.Token)).Order().ToList());
        Assert.Equal("2", (await GetAsync(me.Token, $"/api/v1/notifications/requests/{a.Id}")).GetProperty("notifications_count").GetString());

        await PostAsync(me.Token, $"/api/v1/notifications/requests/{a.Id}/accept");
        Assert.Equal(["pr_a", "pr_a"], await SendersAsync(me.Token));
        await app.PostStatusAsync(a.Token, "@pr_me three");
        Assert.Equal(3, (await SendersAsync(me.Token)).Count);

        await PostAsync(me.Token, $"/api/v1/notifications/requests/{b.Id}/dismiss");
        Assert.Equal(["pr_c", "pr_d"], (await RequestSendersAsync(me.Token)).Order().ToList());
        Assert.Equal(3, (await SendersAsync(me.Token, "?include_filtered=true")).Count(s => s != "pr_c" && s != "pr_d"));
        // A dismissed sender starts a new request with their next notification.
        await app.PostStatusAsync(b.Token, "@pr_me again");
        Assert.Contains("pr_b", await RequestSendersAsync(me.Token));
        Assert.DoesNotContain("pr_b", await SendersAsync(me.Token));

        await PostAsync(me.Token, "/api/v1/notifications/requests/dismiss", new() { ["id[]"] = S(c.Id) });
        Assert.DoesNotContain("pr_c", await RequestSendersAsync(me.Token));
        var bulk = new FormUrlEncodedContent([new("id[]", S(d.Id)), new("id[]", S(c.Id))]);
        await KindredApp.Json(await app.Api(me.Token).PostAsync("/api/v1/notifications/requests/accept", bulk), HttpStatusCode.OK);
        Assert.Contains("pr_d", await SendersAsync(me.Token));
        Assert.DoesNotContain("pr_c", await SendersAsync(me.Token));
        Assert.True((await GetAsync(me.Token, "/api/v1/notifications/requests/merged")).GetProperty("merged").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(me.Token).PostAsync($"/api/v1/notifications/requests/{c.Id}/dismiss", null)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(me.Token).PostAsync("/api/v1/notifications/requests/accept",
            new FormUrlEncodedContent(Enumerable.Range(1, 101).Select(i => new KeyValuePair<string, string>("id[]", S(i)))))).StatusCode);
    }

    [Fact]
    public async Task TheWebPageAcceptsRequestsAndSavesThePolicy()
    {
        var me = await MemberAsync("pw_me");
        var stranger = await MemberAsync("pw_stranger");
        await PatchAsync(me.Token, "/api/v2/notifications/policy", new() { ["for_not_following"] = "filter" });
        await app.PostStatusAsync(stranger.Token, "@pw_me hi");
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync("/notifications/requests")).StatusCode);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, "pw_me", KindredApp.Password);
        var page = await Html.GetAsync(browser, "/notifications/requests");
        Assert.Contains("pw_stranger", page, StringComparison.Ordinal);

        var accepted = await Html.PostFormAsync(browser, "/notifications/requests", "notification-requests", new Dictionary<string, string> { ["Decision"] = "accept:" + S(stranger.Id) });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(["pw_stranger"], await SendersAsync(me.Token));

        var bad = await Html.PostFormAsync(browser, "/notifications/requests", "notification-policy", new Dictionary<string, string>
        {
            ["NotFollowing"] = "drop",
            ["NotFollowers"] = "sometimes",
            ["NewAccounts"] = "accept",
            ["PrivateMentions"] = "filter",
            ["LimitedAccounts"] = "filter",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal("filter", (await GetAsync(me.Token, "/api/v2/notifications/policy")).GetProperty("for_not_following").GetString());
        var saved = await Html.PostFormAsync(browser, "/notifications/requests", "notification-policy", new Dictionary<string, string>
        {
            ["NotFollowing"] = "drop",
            ["NotFollowers"] = "accept",
            ["NewAccounts"] = "filter",
            ["PrivateMentions"] = "filter",
            ["LimitedAccounts"] = "filter",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var policy = await GetAsync(me.Token, "/api/v2/notifications/policy");
        Assert.Equal("drop", policy.GetProperty("for_not_following").GetString());
        Assert.Equal("filter", policy.GetProperty("for_new_accounts").GetString());
    }
}

public sealed class NotificationPolicySqliteTests(SqliteApp app) : NotificationPolicyTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationPolicyPostgresTests(PostgresApp app) : NotificationPolicyTests(app), IClassFixture<PostgresApp>;
