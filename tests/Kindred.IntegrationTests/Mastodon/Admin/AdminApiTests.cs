using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Audit;
using Kindred.Core.Reports;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Admin;

/// <summary>
/// The Mastodon admin API (ADR 72) over the moderation console's service: who may call what with which scopes, the
/// Admin::Report and Admin::Account shapes, each action with its undo as the web console shows it and audits it, and
/// bad input refused without a trace.
/// </summary>
public abstract class AdminApiTests(KindredApp app)
{
    private const string BothScopes = "admin:read admin:write";

    private static readonly string[] AccountKeys =
    [
        "id", "username", "domain", "created_at", "email", "ip", "ips", "locale", "invite_request", "role", "confirmed", "approved",
        "disabled", "silenced", "suspended", "sensitized", "account",
    ];

    private static readonly string[] ReportKeys =
    [
        "id", "action_taken", "action_taken_at", "category", "comment", "forwarded", "created_at", "updated_at", "account", "target_account",
        "assigned_account", "action_taken_by_account", "statuses", "rules",
    ];

    private static int users;

    private async Task<(User User, string Token)> MemberAsync(string prefix, UserRole role = UserRole.Member, string scopes = BothScopes)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name, role);
        return (user, await app.TokenAsync(name, scopes));
    }

    private Task<User> UserAsync(string prefix, UserRole role = UserRole.Member) =>
        app.CreateUserAsync(prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture), role);

    private Task<Status> PostAsync(long authorId, string text) =>
        app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", Audience.Public)));

    private Task<Report> ReportAsync(long reporterId, long targetId, params long[] statusIds) =>
        app.WithServicesAsync(s => s.GetRequiredService<ReportService>().CreateAsync(reporterId, new NewReport(targetId, statusIds, "They keep doing it", ReportCategory.Spam, [])));

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> PostAsync(string token, string path, params (string Key, string Value)[] fields) =>
        app.Api(token).PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))));

    private async Task<JsonElement> GetJsonAsync(string token, string path) => await KindredApp.Json(await app.Api(token).GetAsync(path), HttpStatusCode.OK);

    private Task<int> AuditCountAsync() => app.WithDbAsync(db => db.AuditEntries.CountAsync());

    private Task<List<string>> AuditActionsAsync(long targetId) =>
        app.WithDbAsync(db => db.AuditEntries.Where(e => e.TargetId == targetId).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    /// <summary>The account's status line on the console's account page (its strikes are listed further down).</summary>
    private static string ConsoleStatus(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<dd id=\"account-status\">(.*?)</dd>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

    private static string[] Ids(JsonElement list) => list.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray();

    /// <summary>Every admin endpoint, with the scope family it needs: (method, path, area, write).</summary>
    private static (string Method, string Path, string Area, bool Write)[] Endpoints(long reportId, long accountId) =>
    [
        ("GET", "/api/v1/admin/reports", "reports", false),
        ("GET", $"/api/v1/admin/reports/{S(reportId)}", "reports", false),
        ("PUT", $"/api/v1/admin/reports/{S(reportId)}", "reports", true),
        ("POST", $"/api/v1/admin/reports/{S(reportId)}/assign_to_self", "reports", true),
        ("POST", $"/api/v1/admin/reports/{S(reportId)}/unassign", "reports", true),
        ("POST", $"/api/v1/admin/reports/{S(reportId)}/resolve", "reports", true),
        ("POST", $"/api/v1/admin/reports/{S(reportId)}/reopen", "reports", true),
        ("GET", "/api/v1/admin/accounts", "accounts", false),
        ("GET", "/api/v2/admin/accounts", "accounts", false),
        ("GET", $"/api/v1/admin/accounts/{S(accountId)}", "accounts", false),
        ("POST", $"/api/v1/admin/accounts/{S(accountId)}/action", "accounts", true),
        ("POST", $"/api/v1/admin/accounts/{S(accountId)}/approve", "accounts", true),
        ("POST", $"/api/v1/admin/accounts/{S(accountId)}/reject", "accounts", true),
        ("POST", $"/api/v1/admin/accounts/{S(accountId)}/unsilence", "accounts", true),
        ("POST", $"/api/v1/admin/accounts/{S(accountId)}/unsensitive", "accounts", true),
        ("POST", $"/api/v1/admin/accounts/{S(accountId)}/unsuspend", "accounts", true),
        ("POST", $"/api/v1/admin/accounts/{S(accountId)}/enable", "accounts", true),
    ];

    private async Task<HttpResponseMessage> CallAsync(HttpClient client, string method, string path) =>
        await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : new FormUrlEncodedContent(new Dictionary<string, string> { ["type"] = "suspend", ["category"] = "legal" }),
        });

    [Fact]
    public async Task MembersStaffAppTokensAndVisitorsReachNoAdminEndpointAndChangeNothing()
    {
        var target = await UserAsync("aa_target");
        var reporter = await UserAsync("aa_reporter");
        var post = await PostAsync(target.Id, "buy cheap things");
        var report = await ReportAsync(reporter.Id, target.Id, post.Id);
        var (_, member) = await MemberAsync("aa_member");
        var (_, staff) = await MemberAsync("aa_staff", UserRole.Staff);
        var appToken = await app.AppTokenAsync("read write admin:read admin:write");
        var audits = await AuditCountAsync();

        foreach (var (method, path, _, _) in Endpoints(report.Id, target.Id))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(app.Api(), method, path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await CallAsync(app.Api(member), method, path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await CallAsync(app.Api(staff), method, path)).StatusCode);
            var byApp = await CallAsync(app.Api(appToken), method, path);
            Assert.True(byApp.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Forbidden, $"{method} {path}: {(int)byApp.StatusCode}");
        }

        Assert.Equal(audits, await AuditCountAsync());
        Assert.Empty(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == target.Id).ToListAsync()));
        var stored = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id));
        Assert.Null(stored.ActionTakenAt);
        Assert.Null(stored.AssignedAccountId);
        Assert.Equal(ReportCategory.Spam, stored.Category);
        Assert.Equal(UserStatus.Active, (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == target.Id))).Status);
    }

    [Fact]
    public async Task ModeratorsAdminsAndTheOwnerReadEverythingButOnlyAdminsDecideApplications()
    {
        var target = await UserAsync("aa_read_target");
        var reporter = await UserAsync("aa_read_reporter");
        var report = await ReportAsync(reporter.Id, target.Id);
        foreach (var role in new[] { UserRole.Moderator, UserRole.Admin, UserRole.Owner })
        {
            var (_, token) = await MemberAsync("aa_" + role.ToString().ToLowerInvariant(), role);
            foreach (var (method, path, _, _) in Endpoints(report.Id, target.Id).Where(e => !e.Write))
            {
                Assert.Equal(HttpStatusCode.OK, (await CallAsync(app.Api(token), method, path)).StatusCode);
            }
            // The member is not pending: admins get the application's conflict, a moderator may not decide at all.
            var approve = await PostAsync(token, $"/api/v1/admin/accounts/{S(target.Id)}/approve");
            Assert.Equal(role == UserRole.Moderator ? HttpStatusCode.Forbidden : HttpStatusCode.Conflict, approve.StatusCode);
        }
    }

    [Fact]
    public async Task EachScopeOpensOnlyItsOwnEndpoints()
    {
        var target = await UserAsync("aa_scope_target");
        var reporter = await UserAsync("aa_scope_reporter");
        var report = await ReportAsync(reporter.Id, target.Id);
        var scopes = new[]
        {
            "read write follow push", "admin:read", "admin:write", "admin:read:accounts", "admin:read:reports", "admin:write:accounts",
            "admin:write:reports",
        };
        foreach (var scope in scopes)
        {
            var (_, token) = await MemberAsync("aa_scope", UserRole.Admin, scope);
            foreach (var (method, path, area, write) in Endpoints(report.Id, target.Id))
            {
                var family = write ? "admin:write" : "admin:read";
                var allowed = scope == family || scope == $"{family}:{area}";
                var status = (await CallAsync(app.Api(token), method, path)).StatusCode;
                if (allowed)
                {
                    Assert.True(status is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized), $"{scope} {method} {path}: {(int)status}");
                }
                else
                {
                    Assert.True(status == HttpStatusCode.Forbidden, $"{scope} {method} {path}: {(int)status}");
                }
            }
        }
    }

    [Fact]
    public async Task ADemotedModeratorsTokenIsRefusedAtTheNextCall()
    {
        var (moderator, token) = await MemberAsync("aa_demoted", UserRole.Moderator);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/admin/reports")).StatusCode);

        // Changed in the database only, as a token still carries what it was issued with.
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == moderator.Id);
            user.Role = UserRole.Member;
            await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(token).GetAsync("/api/v1/admin/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(token).GetAsync("/api/v2/admin/accounts")).StatusCode);
    }

    [Fact]
    public async Task ReportsListOpenOnesByDefaultFilterAndPageWithLinks()
    {
        var target = await UserAsync("aa_list_target");
        var other = await UserAsync("aa_list_other");
        var reporter = await UserAsync("aa_list_reporter");
        var post = await PostAsync(target.Id, "the reported words");
        var first = await ReportAsync(reporter.Id, target.Id, post.Id);
        var second = await ReportAsync(reporter.Id, target.Id);
        var aboutOther = await ReportAsync(reporter.Id, other.Id);
        var (_, token) = await MemberAsync("aa_list_mod", UserRole.Moderator);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(token, $"/api/v1/admin/reports/{S(second.Id)}/resolve")).StatusCode);

        var open = await GetJsonAsync(token, $"/api/v1/admin/reports?target_account_id={S(target.Id)}");
        Assert.Equal([S(first.Id)], Ids(open));
        var resolved = await GetJsonAsync(token, $"/api/v1/admin/reports?resolved=true&target_account_id={S(target.Id)}");
        Assert.Equal([S(second.Id)], Ids(resolved));
        var byReporter = Ids(await GetJsonAsync(token, $"/api/v1/admin/reports?account_id={S(reporter.Id)}"));
        Assert.Equal([S(aboutOther.Id), S(first.Id)], byReporter);

        var json = open[0];
        Assert.Equal(ReportKeys, json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(AccountKeys, json.GetProperty("target_account").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(S(reporter.Id), json.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal("spam", json.GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("assigned_account").ValueKind);
        var status = Assert.Single(json.GetProperty("statuses").EnumerateArray());
        Assert.Equal(S(post.Id), status.GetProperty("id").GetString());
        Assert.Contains("the reported words", status.GetProperty("content").GetString(), StringComparison.Ordinal);

        // One per page: the Link header leads to the next (older) one.
        var page = await app.Api(token).GetAsync($"/api/v1/admin/reports?account_id={S(reporter.Id)}&limit=1");
        var one = await KindredApp.Json(page, HttpStatusCode.OK);
        Assert.Equal([S(aboutOther.Id)], Ids(one));
        var link = string.Join(",", page.Headers.GetValues("Link"));
        Assert.Contains($"max_id={S(aboutOther.Id)}", link, StringComparison.Ordinal);
        Assert.Contains($"account_id={S(reporter.Id)}", link, StringComparison.Ordinal);
        Assert.Equal([S(first.Id)], Ids(await GetJsonAsync(token, $"/api/v1/admin/reports?account_id={S(reporter.Id)}&limit=1&max_id={S(aboutOther.Id)}")));
    }

    [Fact]
    public async Task AssignUnassignResolveReopenAndUpdateAReportAsTheConsoleDoesWithAnAuditEntryEach()
    {
        var target = await UserAsync("aa_flow_target");
        var reporter = await UserAsync("aa_flow_reporter");
        var report = await ReportAsync(reporter.Id, target.Id);
        var (moderator, token) = await MemberAsync("aa_flow_mod", UserRole.Moderator);
        var rule = Kindred.Data.Snowflake.NewId();
        await app.WithDbAsync(async db =>
        {
            db.InstanceRules.Add(new InstanceRule { Id = rule, Position = 1, Text = "No advertising." });
            await db.SaveChangesAsync();
        });
        var path = $"/api/v1/admin/reports/{S(report.Id)}";

        var assigned = await KindredApp.Json(await PostAsync(token, path + "/assign_to_self"), HttpStatusCode.OK);
        Assert.Equal(S(moderator.Id), assigned.GetProperty("assigned_account").GetProperty("id").GetString());
        var unassigned = await KindredApp.Json(await PostAsync(token, path + "/unassign"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, unassigned.GetProperty("assigned_account").ValueKind);

        var updated = await KindredApp.Json(await app.Api(token).PutAsync(path, new FormUrlEncodedContent([KeyValuePair.Create("rule_ids[]", S(rule))])), HttpStatusCode.OK);
        Assert.Equal("violation", updated.GetProperty("category").GetString());
        Assert.Equal("No advertising.", Assert.Single(updated.GetProperty("rules").EnumerateArray()).GetProperty("text").GetString());

        var resolved = await KindredApp.Json(await PostAsync(token, path + "/resolve"), HttpStatusCode.OK);
        Assert.True(resolved.GetProperty("action_taken").GetBoolean());
        Assert.Equal(S(moderator.Id), resolved.GetProperty("action_taken_by_account").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(token, path + "/resolve")).StatusCode);

        var reopened = await KindredApp.Json(await PostAsync(token, path + "/reopen"), HttpStatusCode.OK);
        Assert.False(reopened.GetProperty("action_taken").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(token, path + "/reopen")).StatusCode);

        Assert.Equal(
            [AuditActions.ReportAssign, AuditActions.ReportUnassign, AuditActions.ReportUpdate, AuditActions.ReportDismiss, AuditActions.ReportReopen],
            await AuditActionsAsync(report.Id));
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.TargetId == report.Id).Select(e => e.ActorId).ToListAsync());
        Assert.All(entries, actor => Assert.Equal(moderator.Id, actor));
    }

    [Fact]
    public async Task EachAccountActionShowsOnTheConsoleAndIsUndoneByItsOppositeWithTheConsolesAuditEntries()
    {
        var target = await UserAsync("aa_act_target");
        var (_, token) = await MemberAsync("aa_act_mod", UserRole.Moderator);
        var consoleUser = await UserAsync("aa_act_console", UserRole.Moderator);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, consoleUser.UserName!, KindredApp.Password);
        var path = $"/api/v1/admin/accounts/{S(target.Id)}";
        var console = $"/moderation/accounts/{target.UserName}";

        // none: a warning the member reads.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(token, path + "/action", ("type", "none"), ("text", "Please be kind."))).StatusCode);
        var warning = await app.WithDbAsync(db => db.Strikes.SingleAsync(s => s.AccountId == target.Id));
        Assert.Equal(StrikeAction.Warn, warning.Action);
        Assert.Equal("Please be kind.", warning.Text);
        Assert.Contains($"id=\"strike-{S(warning.Id)}\"", await Html.GetAsync(browser, console), StringComparison.Ordinal);

        // silence: limited, then unsilence ends it.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(token, path + "/action", ("type", "silence"))).StatusCode);
        Assert.True((await GetJsonAsync(token, path)).GetProperty("silenced").GetBoolean());
        Assert.Contains("Account limited", ConsoleStatus(await Html.GetAsync(browser, console)), StringComparison.Ordinal);
        var unsilenced = await KindredApp.Json(await PostAsync(token, path + "/unsilence"), HttpStatusCode.OK);
        Assert.False(unsilenced.GetProperty("silenced").GetBoolean());
        Assert.DoesNotContain("Account limited", ConsoleStatus(await Html.GetAsync(browser, console)), StringComparison.Ordinal);

        // suspend: sessions and tokens end, then unsuspend; disable and enable are the same suspension.
        var memberToken = await app.TokenAsync(target.UserName!);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(token, path + "/action", ("type", "suspend"))).StatusCode);
        var suspended = await GetJsonAsync(token, path);
        Assert.True(suspended.GetProperty("suspended").GetBoolean());
        Assert.True(suspended.GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(memberToken).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(token, path + "/action", ("type", "disable"))).StatusCode);
        Assert.False((await KindredApp.Json(await PostAsync(token, path + "/unsuspend"), HttpStatusCode.OK)).GetProperty("suspended").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(token, path + "/action", ("type", "disable"))).StatusCode);
        Assert.Equal(UserStatus.Disabled, (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == target.Id))).Status);
        Assert.False((await KindredApp.Json(await PostAsync(token, path + "/enable"), HttpStatusCode.OK)).GetProperty("disabled").GetBoolean());
        Assert.Equal(UserStatus.Active, (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == target.Id))).Status);

        Assert.Equal(
        [
            AuditActions.StrikeAdd,
            AuditActions.StrikeAdd, AuditActions.StrikeUndo,
            AuditActions.AccountSuspend, AuditActions.AccountUnsuspend, AuditActions.StrikeUndo,
            AuditActions.AccountSuspend, AuditActions.AccountUnsuspend, AuditActions.StrikeUndo,
        ], await AuditActionsAsync(target.Id));
        var strikes = await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == target.Id).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal([StrikeAction.Warn, StrikeAction.Limit, StrikeAction.Suspend, StrikeAction.Suspend], strikes.Select(s => s.Action).ToArray());
        Assert.Null(strikes[0].UndoneAt);
        Assert.All(strikes.Skip(1), s => Assert.NotNull(s.UndoneAt));
    }

    [Fact]
    public async Task SensitiveMarksTheReportsPostsAndClosesItAndUnsensitiveUndoesIt()
    {
        var target = await UserAsync("aa_sens_target");
        var reporter = await UserAsync("aa_sens_reporter");
        var post = await PostAsync(target.Id, "a picture of something");
        var report = await ReportAsync(reporter.Id, target.Id, post.Id);
        var (_, token) = await MemberAsync("aa_sens_mod", UserRole.Moderator);
        var path = $"/api/v1/admin/accounts/{S(target.Id)}";

        // Without a report there are no posts to mark.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(token, path + "/action", ("type", "sensitive"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(token, path + "/action", ("type", "sensitive"), ("report_id", S(report.Id)))).StatusCode);

        Assert.True((await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Id == post.Id))).Sensitive);
        Assert.NotNull((await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).ActionTakenAt);
        Assert.True((await GetJsonAsync(token, path)).GetProperty("sensitized").GetBoolean());
        Assert.Equal([S(target.Id)], Ids(await GetJsonAsync(token, $"/api/v1/admin/accounts?sensitized=true&username={target.UserName}")));

        Assert.False((await KindredApp.Json(await PostAsync(token, path + "/unsensitive"), HttpStatusCode.OK)).GetProperty("sensitized").GetBoolean());
        Assert.False((await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Id == post.Id))).Sensitive);
    }

    [Fact]
    public async Task BadInputIsRefusedWithAMessageAndChangesNothing()
    {
        var target = await UserAsync("aa_bad_target");
        var reporter = await UserAsync("aa_bad_reporter");
        var report = await ReportAsync(reporter.Id, target.Id);
        var (_, token) = await MemberAsync("aa_bad_mod", UserRole.Moderator);
        var audits = await AuditCountAsync();
        var path = $"/api/v1/admin/accounts/{S(target.Id)}";

        foreach (var fields in new[] { new[] { ("type", "ban") }, [], [("type", "none"), ("report_id", "nope")], [("type", "none"), ("report_id", "12345")] })
        {
            var response = await PostAsync(token, path + "/action", fields);
            Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound, $"{string.Join(",", fields)}: {(int)response.StatusCode}");
            Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(token, "/api/v1/admin/accounts/12345/action", ("type", "none"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(token, "/api/v1/admin/accounts/abc/action", ("type", "none"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).GetAsync("/api/v1/admin/reports/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(token).PutAsync($"/api/v1/admin/reports/{S(report.Id)}",
            new FormUrlEncodedContent([KeyValuePair.Create("category", "rude")]))).StatusCode);
        foreach (var query in new[] { "limit=lots", "max_id=abc", "origin=mars", "status=sleepy", "permissions=all", "role_ids[]=9", "ip=not-an-ip", "invited_by=x" })
        {
            var response = await app.Api(token).GetAsync("/api/v2/admin/accounts?" + query);
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{query}: {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(token).GetAsync("/api/v1/admin/reports?resolved=maybe")).StatusCode);

        Assert.Equal(audits, await AuditCountAsync());
        Assert.Empty(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == target.Id).ToListAsync()));
        Assert.Equal(ReportCategory.Spam, (await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).Category);
    }

    [Fact]
    public async Task AccountsFilterByStateRoleAndAddressAndOnlyAdminsSeeOrSearchTheEmailAddress()
    {
        var target = await UserAsync("aa_dir_target");
        var (moderator, modToken) = await MemberAsync("aa_dir_mod", UserRole.Moderator);
        var (_, adminToken) = await MemberAsync("aa_dir_admin", UserRole.Admin);
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.UserSessions.Add(new UserSession { Id = Kindred.Data.Snowflake.NewId(), UserId = target.Id, CreatedAt = now, LastSeenAt = now, IpAddress = "198.51.100.23", UserAgent = "test" });
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == target.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SignUpIp, "198.18.77.9"));
        });

        var byMod = await GetJsonAsync(modToken, $"/api/v1/admin/accounts/{S(target.Id)}");
        Assert.Equal(AccountKeys, byMod.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(JsonValueKind.Null, byMod.GetProperty("email").ValueKind);
        Assert.Equal("198.51.100.23", byMod.GetProperty("ip").GetString());
        // The newest address first; the sign-up address (ADR 73) is listed too, dated by the account's creation.
        Assert.Equal(["198.51.100.23", "198.18.77.9"], byMod.GetProperty("ips").EnumerateArray().Select(ip => ip.GetProperty("ip").GetString()));
        Assert.Equal("0", byMod.GetProperty("role").GetProperty("id").GetString());
        Assert.True(byMod.GetProperty("approved").GetBoolean());
        var byAdmin = await GetJsonAsync(adminToken, $"/api/v1/admin/accounts/{S(target.Id)}");
        Assert.Equal($"{target.UserName}@example.org", byAdmin.GetProperty("email").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(modToken).GetAsync("/api/v2/admin/accounts?email=example.org")).StatusCode);
        Assert.Equal([S(target.Id)], Ids(await GetJsonAsync(adminToken, $"/api/v2/admin/accounts?email={target.UserName}@")));
        Assert.Equal([S(target.Id)], Ids(await GetJsonAsync(modToken, "/api/v2/admin/accounts?ip=198.51.100.0/24")));
        Assert.Equal([S(target.Id)], Ids(await GetJsonAsync(modToken, "/api/v1/admin/accounts?ip=198.51.100.23")));
        Assert.Equal([S(target.Id)], Ids(await GetJsonAsync(modToken, "/api/v2/admin/accounts?ip=198.18.77.0/24")));
        var staff = Ids(await GetJsonAsync(modToken, $"/api/v2/admin/accounts?permissions=staff&username={moderator.UserName}"));
        Assert.Equal([S(moderator.Id)], staff);
        Assert.Empty(Ids(await GetJsonAsync(modToken, $"/api/v2/admin/accounts?permissions=staff&username={target.UserName}")));
        Assert.Equal([S(moderator.Id)], Ids(await GetJsonAsync(modToken, $"/api/v2/admin/accounts?role_ids[]=2&username={moderator.UserName}")));
        Assert.Equal([S(target.Id)], Ids(await GetJsonAsync(modToken, $"/api/v2/admin/accounts?origin=local&status=active&username={target.UserName}")));
        Assert.Empty(Ids(await GetJsonAsync(modToken, $"/api/v2/admin/accounts?status=suspended&username={target.UserName}")));
        Assert.Empty(Ids(await GetJsonAsync(modToken, $"/api/v1/admin/accounts?remote=true&username={target.UserName}")));
    }

    [Fact]
    public async Task AnAdminApprovesAndRejectsApplicationsAsOnTheApplicationsPage()
    {
        var applicant = await UserAsync("aa_applicant");
        var other = await UserAsync("aa_applicant_no");
        await app.WithDbAsync(async db =>
        {
            foreach (var user in await db.Users.Where(u => u.Id == applicant.Id || u.Id == other.Id).ToListAsync())
            {
                user.Status = UserStatus.Pending;
                user.ApplicationText = "I volunteer on Saturdays.";
            }
            await db.SaveChangesAsync();
        });
        var (_, modToken) = await MemberAsync("aa_app_mod", UserRole.Moderator);
        var (_, adminToken) = await MemberAsync("aa_app_admin", UserRole.Admin);

        var pending = await GetJsonAsync(modToken, $"/api/v1/admin/accounts?pending=true&username={applicant.UserName}");
        Assert.Equal("I volunteer on Saturdays.", Assert.Single(pending.EnumerateArray()).GetProperty("invite_request").GetString());
        Assert.False(pending[0].GetProperty("approved").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(modToken, $"/api/v1/admin/accounts/{S(applicant.Id)}/approve")).StatusCode);

        Assert.True((await KindredApp.Json(await PostAsync(adminToken, $"/api/v1/admin/accounts/{S(applicant.Id)}/approve"), HttpStatusCode.OK)).GetProperty("approved").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(adminToken, $"/api/v1/admin/accounts/{S(other.Id)}/reject")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(adminToken, $"/api/v1/admin/accounts/{S(other.Id)}/approve")).StatusCode);

        var statuses = await app.WithDbAsync(db => db.Users.Where(u => u.Id == applicant.Id || u.Id == other.Id).OrderBy(u => u.Id).Select(u => u.Status).ToListAsync());
        Assert.Equal([UserStatus.Active, UserStatus.Rejected], statuses);
        Assert.Equal([AuditActions.ApplicationApprove], await AuditActionsAsync(applicant.Id));
        Assert.Equal([AuditActions.ApplicationReject], await AuditActionsAsync(other.Id));
    }

    [Fact]
    public async Task AModeratorMayNotActOnAnAdminNorUndoTheirStrikes()
    {
        var admin = await UserAsync("aa_peer_admin", UserRole.Admin);
        var (_, token) = await MemberAsync("aa_peer_mod", UserRole.Moderator);
        var audits = await AuditCountAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(token, $"/api/v1/admin/accounts/{S(admin.Id)}/action", ("type", "suspend"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(token, $"/api/v1/admin/accounts/{S(admin.Id)}/unsilence")).StatusCode);
        Assert.Equal(audits, await AuditCountAsync());
        Assert.Equal(UserStatus.Active, (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == admin.Id))).Status);
    }
}

public sealed class AdminApiSqliteTests(SqliteApp app) : AdminApiTests(app), IClassFixture<SqliteApp>;

public sealed class AdminApiPostgresTests(PostgresApp app) : AdminApiTests(app), IClassFixture<PostgresApp>;
