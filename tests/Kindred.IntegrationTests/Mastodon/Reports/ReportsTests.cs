using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Reports;

/// <summary>POST /api/v1/reports: what is stored, who hears of it, and every way a report can be refused without a trace.</summary>
public abstract class ReportsTests(KindredApp app)
{
    private static readonly string[] ReportKeys = ["id", "action_taken", "action_taken_at", "category", "comment", "forwarded", "created_at", "status_ids", "rule_ids", "target_account"];

    private static int users;

    private async Task<(long Id, string Token)> MemberAsync(string prefix, UserRole role = UserRole.Member)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name, role);
        return (user.Id, await app.TokenAsync(name));
    }

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;

    private async Task<HttpResponseMessage> ReportAsync(string token, params (string Key, string Value)[] fields) =>
        await app.Api(token).PostAsync("/api/v1/reports", new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))));

    private Task<int> ReportCountAsync(long reporterId) => app.WithDbAsync(db => db.Reports.CountAsync(r => r.AccountId == reporterId));

    private async Task<long> RuleAsync(string text)
    {
        var id = Kindred.Data.Snowflake.NewId();
        await app.WithDbAsync(async db =>
        {
            db.InstanceRules.Add(new InstanceRule { Id = id, Position = 1, Text = text });
            await db.SaveChangesAsync();
        });
        return id;
    }

    [Fact]
    public async Task AMemberReportsAnAccountWithSomeOfItsPostsAndGetsTheReportBack()
    {
        var (targetId, target) = await MemberAsync("rp_target");
        var (reporterId, reporter) = await MemberAsync("rp_reporter");
        var first = Id(await app.PostStatusAsync(target, "buy cheap things"));
        var second = Id(await app.PostStatusAsync(target, "buy more cheap things", "members_only"));

        var json = await KindredApp.Json(await ReportAsync(reporter, ("account_id", S(targetId)), ("status_ids[]", first), ("status_ids[]", second), ("status_ids[]", first),
            ("comment", "  Advertising all day  "), ("category", "spam"), ("forward", "true")), HttpStatusCode.OK);

        Assert.Equal(ReportKeys, json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.False(json.GetProperty("action_taken").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("action_taken_at").ValueKind);
        Assert.Equal("spam", json.GetProperty("category").GetString());
        Assert.Equal("Advertising all day", json.GetProperty("comment").GetString());
        Assert.False(json.GetProperty("forwarded").GetBoolean());
        Assert.Equal([first, second], json.GetProperty("status_ids").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Empty(json.GetProperty("rule_ids").EnumerateArray());
        Assert.Equal(S(targetId), Id(json.GetProperty("target_account")));

        var stored = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.AccountId == reporterId));
        Assert.Equal(ReportCategory.Spam, stored.Category);
        Assert.True(stored.Forward);
        Assert.Null(stored.ActionTakenAt);
        Assert.Equal([long.Parse(first, CultureInfo.InvariantCulture), long.Parse(second, CultureInfo.InvariantCulture)], stored.StatusIds);
    }

    [Fact]
    public async Task CitingRulesMakesItARuleViolationAndNoCategoryMeansOther()
    {
        var (targetId, _) = await MemberAsync("rp_rude");
        var (_, reporter) = await MemberAsync("rp_witness");
        var rule = await RuleAsync("Be kind to each other.");

        var cited = await KindredApp.Json(await ReportAsync(reporter, ("account_id", S(targetId)), ("category", "other"), ("rule_ids[]", S(rule))), HttpStatusCode.OK);
        Assert.Equal("violation", cited.GetProperty("category").GetString());
        Assert.Equal([S(rule)], cited.GetProperty("rule_ids").EnumerateArray().Select(e => e.GetString()!).ToArray());

        var plain = await KindredApp.Json(await app.Api(reporter).PostAsync("/api/v1/reports", new StringContent($"{{\"account_id\":\"{targetId}\"}}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        Assert.Equal("other", plain.GetProperty("category").GetString());
        Assert.Equal("", plain.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task ModeratorsHearOfANewReportButTheReportedModeratorAndOrdinaryMembersDoNot()
    {
        var (_, moderator) = await MemberAsync("rp_mod", UserRole.Moderator);
        var (targetId, targetModerator) = await MemberAsync("rp_badmod", UserRole.Moderator);
        var (_, member) = await MemberAsync("rp_member");
        var (reporterId, reporter) = await MemberAsync("rp_tells");
        var ownerToken = await app.TokenAsync("owner");

        var report = Id(await KindredApp.Json(await ReportAsync(reporter, ("account_id", S(targetId)), ("comment", "abuses their role")), HttpStatusCode.OK));

        foreach (var staff in new[] { moderator, ownerToken })
        {
            var list = await KindredApp.Json(await app.Api(staff).GetAsync("/api/v1/notifications?types[]=admin.report"), HttpStatusCode.OK);
            var notification = list.EnumerateArray().Single(n => n.GetProperty("report").ValueKind != JsonValueKind.Null && Id(n.GetProperty("report")) == report);
            Assert.Equal("admin.report", notification.GetProperty("type").GetString());
            Assert.Equal(S(reporterId), Id(notification.GetProperty("account")));
            Assert.Equal("abuses their role", notification.GetProperty("report").GetProperty("comment").GetString());
            Assert.Equal(S(targetId), Id(notification.GetProperty("report").GetProperty("target_account")));
        }
        foreach (var outsider in new[] { targetModerator, member, reporter })
        {
            var list = await KindredApp.Json(await app.Api(outsider).GetAsync("/api/v1/notifications"), HttpStatusCode.OK);
            Assert.DoesNotContain(list.EnumerateArray(), n => n.GetProperty("type").GetString() == "admin.report");
        }
    }

    [Fact]
    public async Task UnknownAccountsAndPostsTheReporterCannotSeeAreNotFoundAndNothingIsStored()
    {
        var (targetId, target) = await MemberAsync("rp_hidden");
        var (reporterId, reporter) = await MemberAsync("rp_curious");
        var secret = Id(await app.PostStatusAsync(target, "for my followers only", "private"));
        var direct = Id(await app.PostStatusAsync(target, "a direct word", "direct"));

        Assert.Equal(HttpStatusCode.NotFound, (await ReportAsync(reporter, ("account_id", "999999999999"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReportAsync(reporter, ("account_id", "not-a-number"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReportAsync(reporter, ("account_id", S(targetId)), ("status_ids[]", secret))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReportAsync(reporter, ("account_id", S(targetId)), ("status_ids[]", direct))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReportAsync(reporter, ("account_id", S(targetId)), ("status_ids[]", "123456789"))).StatusCode);
        Assert.Equal(0, await ReportCountAsync(reporterId));
    }

    [Theory]
    [InlineData("comment")]
    [InlineData("category")]
    [InlineData("others_post")]
    [InlineData("rule")]
    [InlineData("self")]
    [InlineData("missing_account")]
    public async Task BadInputIsRefusedWith422AndAMessageAndNothingIsStored(string problem)
    {
        var (targetId, _) = await MemberAsync("rp_bad_target");
        var (reporterId, reporter) = await MemberAsync("rp_bad_reporter");
        var (_, bystander) = await MemberAsync("rp_bystander");
        var othersPost = Id(await app.PostStatusAsync(bystander, "nothing wrong here"));
        (string, string)[] fields = problem switch
        {
            "comment" => [("account_id", S(targetId)), ("comment", new string('x', 1_001))],
            "category" => [("account_id", S(targetId)), ("category", "rudeness")],
            "others_post" => [("account_id", S(targetId)), ("status_ids[]", othersPost)],
            "rule" => [("account_id", S(targetId)), ("rule_ids[]", "424242")],
            "self" => [("account_id", S(reporterId))],
            _ => [("comment", "who?")],
        };

        var response = await ReportAsync(reporter, fields);

        var json = await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("Validation failed: ", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await ReportCountAsync(reporterId));
        var staff = await KindredApp.Json(await app.Api(await app.TokenAsync("owner")).GetAsync("/api/v1/notifications?types[]=admin.report&account_id=" + S(reporterId)), HttpStatusCode.OK);
        Assert.Equal(0, staff.GetArrayLength());
    }

    [Fact]
    public async Task ACommentOfExactly1000CharactersIsAccepted()
    {
        var (targetId, _) = await MemberAsync("rp_long_target");
        var (_, reporter) = await MemberAsync("rp_long_reporter");
        var comment = string.Concat(Enumerable.Repeat("é", 1_000));
        var json = await KindredApp.Json(await ReportAsync(reporter, ("account_id", S(targetId)), ("comment", comment)), HttpStatusCode.OK);
        Assert.Equal(comment, json.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task ATokenWithoutWriteReportsIsRefusedWith403AndNothingIsStored()
    {
        var (targetId, _) = await MemberAsync("rp_scope_target");
        var (reporterId, _) = await MemberAsync("rp_scope_reporter");
        var name = await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == reporterId).Select(a => a.Username).SingleAsync());
        var lacking = await app.TokenAsync(name, "read write:statuses write:accounts write:follows write:blocks write:mutes write:notifications");
        Assert.Equal(HttpStatusCode.Forbidden, (await ReportAsync(lacking, ("account_id", S(targetId)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().PostAsync("/api/v1/reports", new FormUrlEncodedContent([KeyValuePair.Create("account_id", S(targetId))]))).StatusCode);
        Assert.Equal(0, await ReportCountAsync(reporterId));

        var granular = await app.TokenAsync(name, "write:reports");
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(granular, ("account_id", S(targetId)))).StatusCode);
        Assert.Equal(1, await ReportCountAsync(reporterId));
    }
}

public sealed class ReportsSqliteTests(SqliteApp app) : ReportsTests(app), IClassFixture<SqliteApp>;

public sealed class ReportsPostgresTests(PostgresApp app) : ReportsTests(app), IClassFixture<PostgresApp>;
