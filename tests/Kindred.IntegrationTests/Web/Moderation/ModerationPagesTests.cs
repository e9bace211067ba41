using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kindred.Core.Audit;
using Kindred.Core.Notifications;
using Kindred.Core.Reports;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Moderation;

/// <summary>
/// The moderation console (ADR 67) through its pages without JavaScript: the report snapshot, the queue, each action
/// and its undo with the strike, the audit entry and the member's notice, and who may do any of it.
/// </summary>
public abstract partial class ModerationPagesTests(KindredApp app)
{
    private static int users;

    private async Task<(User User, HttpClient Browser)> MemberAsync(string prefix, UserRole role = UserRole.Member)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name, role);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, name, KindredApp.Password);
        return (user, browser);
    }

    private Task<Status> PostAsync(long authorId, string text) =>
        app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", Audience.Public)));

    private Task<Report> ReportAsync(long reporterId, long targetId, params long[] statusIds) =>
        app.WithServicesAsync(s => s.GetRequiredService<ReportService>().CreateAsync(reporterId, new NewReport(targetId, statusIds, "They keep doing it", ReportCategory.Spam, [])));

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string ReportPath(Report report) => "/moderation/reports/" + S(report.Id);

    private static Task<HttpResponseMessage> ActAsync(HttpClient moderator, Report report, string action, string text = "Please stop.") =>
        Html.PostFormAsync(moderator, ReportPath(report), "act", new Dictionary<string, string> { ["Action"] = action, ["Text"] = text });

    private async Task<Strike> OnlyStrikeAsync(long accountId) =>
        Assert.Single(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == accountId).ToListAsync()));

    private async Task UndoAsync(HttpClient moderator, Report report, Strike strike)
    {
        var response = await Html.PostFormAsync(moderator, ReportPath(report), "undo", new Dictionary<string, string> { ["Strike"] = S(strike.Id) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await app.WithDbAsync(db => db.Strikes.SingleAsync(s => s.Id == strike.Id))).UndoneAt);
    }

    [Fact]
    public async Task TheModeratorSeesThePostsAsTheyWereWhenReportedAfterTheAuthorEditsAndDeletesThem()
    {
        var (target, _) = await MemberAsync("md_editor");
        var (reporter, _) = await MemberAsync("md_witness");
        var (_, moderator) = await MemberAsync("md_mod", UserRole.Moderator);
        var edited = await PostAsync(target.Id, "You are worthless");
        var deleted = await PostAsync(target.Id, "Everyone hates you");
        var report = await ReportAsync(reporter.Id, target.Id, edited.Id, deleted.Id);

        var token = await app.TokenAsync(target.UserName!);
        var edit = await app.Api(token).PutAsJsonAsync($"/api/v1/statuses/{edited.Id}", new { status = "Have a nice day" });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).DeleteAsync($"/api/v1/statuses/{deleted.Id}")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == target.Id);
            account.DisplayName = "Totally Innocent";
            await db.SaveChangesAsync();
        });

        var page = await Html.GetAsync(moderator, ReportPath(report));
        Assert.Contains("You are worthless", page, StringComparison.Ordinal);
        Assert.Contains("Everyone hates you", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Have a nice day", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Totally Innocent", page, StringComparison.Ordinal);
        Assert.Contains("They keep doing it", page, StringComparison.Ordinal);

        var queue = await Html.GetAsync(moderator, "/moderation");
        Assert.Contains($"href=\"{ReportPath(report)}\"", queue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyModeratorsAdminsAndTheOwnerReachTheConsoleAndActAndNobodyElseChangesAnything()
    {
        var (target, _) = await MemberAsync("md_target");
        var (reporter, _) = await MemberAsync("md_reporter");
        var post = await PostAsync(target.Id, "spam spam");
        var report = await ReportAsync(reporter.Id, target.Id, post.Id);

        // Signed out, an app token and a member's API token: the pages are for signed-in browsers only.
        var signedOut = await app.Browser().GetAsync(ReportPath(report));
        Assert.StartsWith("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);
        var appToken = await app.Api(await app.AppTokenAsync()).GetAsync("/moderation");
        Assert.NotEqual(HttpStatusCode.OK, appToken.StatusCode);
        var (mod, _) = await MemberAsync("md_tokenmod", UserRole.Moderator);
        var modToken = await app.Api(await app.TokenAsync(mod.UserName!)).GetAsync(ReportPath(report));
        Assert.NotEqual(HttpStatusCode.OK, modToken.StatusCode);

        foreach (var role in new[] { UserRole.Member, UserRole.Staff })
        {
            var (_, browser) = await MemberAsync("md_no_" + role.ToString().ToLowerInvariant(), role);
            foreach (var path in new[] { "/moderation", ReportPath(report) })
            {
                var response = await browser.GetAsync(path);
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{role} {path}: {(int)response.StatusCode}");
                Assert.DoesNotContain("spam spam", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            // A forged post with a valid antiforgery token from a page they may see changes nothing.
            var token = TokenPattern().Match(await Html.GetAsync(browser, "/settings/profile")).Groups[1].Value;
            var forged = await browser.PostAsync(ReportPath(report), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["_handler"] = "act",
                ["Action"] = "suspend",
            }));
            Assert.True((int)forged.StatusCode >= 300, $"{role}: {(int)forged.StatusCode}");
        }
        Assert.Empty(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == target.Id).ToListAsync()));
        Assert.Equal(UserStatus.Active, (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == target.Id))).Status);
        Assert.Null((await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).ActionTakenAt);

        // Moderators, admins and the owner each act (a warning each, on a report of their own).
        foreach (var role in new[] { UserRole.Moderator, UserRole.Admin, UserRole.Owner })
        {
            var (_, browser) = await MemberAsync("md_yes_" + role.ToString().ToLowerInvariant(), role);
            Assert.Contains("spam spam", await Html.GetAsync(browser, ReportPath(report)), StringComparison.Ordinal);
            Assert.Contains("href=\"/moderation\"", await Html.GetAsync(browser, "/staff"), StringComparison.Ordinal);
            var own = await ReportAsync(reporter.Id, target.Id, post.Id);
            Assert.Equal(HttpStatusCode.OK, (await ActAsync(browser, own, "warn")).StatusCode);
        }
        Assert.Equal(3, await app.WithDbAsync(db => db.Strikes.CountAsync(s => s.AccountId == target.Id && s.Action == StrikeAction.Warn)));
    }

    [Fact]
    public async Task AModeratorMayNotActOnAnAdminNorAModeratorOnAnother()
    {
        var (reporter, _) = await MemberAsync("md_rep2");
        var (admin, _) = await MemberAsync("md_admin_target", UserRole.Admin);
        var (peer, _) = await MemberAsync("md_peer", UserRole.Moderator);
        var (_, moderator) = await MemberAsync("md_mod2", UserRole.Moderator);
        foreach (var target in new[] { admin, peer })
        {
            var report = await ReportAsync(reporter.Id, target.Id);
            var page = await Html.GetAsync(moderator, ReportPath(report));
            Assert.Contains("You may not act on this account.", page, StringComparison.Ordinal);
            Assert.DoesNotContain("name=\"Action\"", page, StringComparison.Ordinal);
        }
        Assert.Empty(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == admin.Id || s.AccountId == peer.Id).ToListAsync()));
    }

    [Fact]
    public async Task AWarningIsAStrikeAnAuditEntryANotificationAndAMailAndTheMemberReadsItWithTheRule()
    {
        var (target, member) = await MemberAsync("md_warned");
        var (reporter, _) = await MemberAsync("md_rep3");
        var (moderatorUser, moderator) = await MemberAsync("md_mod3", UserRole.Moderator);
        var rule = Kindred.Data.Snowflake.NewId();
        await app.WithDbAsync(async db =>
        {
            db.InstanceRules.Add(new InstanceRule { Id = rule, Position = 7, Text = "Be kind to each other." });
            await db.SaveChangesAsync();
        });
        var report = await ReportAsync(reporter.Id, target.Id);

        var response = await Html.PostFormAsync(moderator, ReportPath(report), "act", new Dictionary<string, string>
        {
            ["Action"] = "warn",
            ["Text"] = "Insults are not welcome here.",
            ["rule-" + S(rule)] = "on",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var strike = await OnlyStrikeAsync(target.Id);
        Assert.Equal(StrikeAction.Warn, strike.Action);
        Assert.Equal(moderatorUser.Id, strike.ModeratorId);
        Assert.Equal([rule], strike.RuleIds);
        Assert.NotNull((await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).ActionTakenAt);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.StrikeAdd && e.TargetId == target.Id && e.ActorId == moderatorUser.Id)));
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.AccountId == target.Id && n.Type == NotificationTypes.ModerationWarning)));

        var warnings = await Html.GetAsync(member, "/settings/warnings");
        Assert.Contains("Insults are not welcome here.", warnings, StringComparison.Ordinal);
        Assert.Contains("Be kind to each other.", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain(moderatorUser.UserName!, warnings, StringComparison.Ordinal);
        Assert.Contains("href=\"/settings/warnings\"", await Html.GetAsync(member, "/notifications"), StringComparison.Ordinal);

        await app.DeliverMailAsync();
        var mail = Assert.Single(Mails(target.Email!), m => m.Contains("A warning from the moderators", StringComparison.Ordinal));
        Assert.Contains("/settings/warnings", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("Insults are not welcome", mail, StringComparison.Ordinal);

        // Undo withdraws the warning; the member still reads it, marked so.
        var again = await Html.PostFormAsync(moderator, ReportPath(report), "undo", new Dictionary<string, string> { ["Strike"] = S(strike.Id) });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Withdrawn by the moderators", await Html.GetAsync(member, "/settings/warnings"), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.StrikeUndo && e.TargetId == target.Id)));
    }

    [Fact]
    public async Task AFrenchSpeakingMemberIsToldInFrench()
    {
        var (target, _) = await MemberAsync("md_fr");
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == target.Id)).Locale = "fr";
            await db.SaveChangesAsync();
        });
        var (reporter, _) = await MemberAsync("md_rep4");
        var (_, moderator) = await MemberAsync("md_mod4", UserRole.Moderator);
        var report = await ReportAsync(reporter.Id, target.Id);
        await ActAsync(moderator, report, "warn");
        // Read from the queued mail job: the delivered file encodes the accented subject and body.
        var queued = await app.WithDbAsync(db => db.Jobs.Where(j => j.Kind == "mail").Select(j => j.Payload).ToListAsync());
        Assert.Single(queued, p => p.Contains(target.Email!, StringComparison.Ordinal) && p.Contains("Un avertissement des mod", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemovingPostsHidesThemAndUndoBringsThemBack()
    {
        var (target, _) = await MemberAsync("md_remove");
        var (reporter, reader) = await MemberAsync("md_rep5");
        var (_, moderator) = await MemberAsync("md_mod5", UserRole.Moderator);
        var post = await PostAsync(target.Id, "buy my pills");
        var report = await ReportAsync(reporter.Id, target.Id, post.Id);
        var path = $"/@{target.UserName}/{post.Id}";

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(moderator, report, "remove_statuses")).StatusCode);
        await Html.GetAsync(reader, path, HttpStatusCode.NotFound);
        var strike = await OnlyStrikeAsync(target.Id);
        Assert.Equal([post.Id], strike.StatusIds);
        // The snapshot still shows what was removed.
        Assert.Contains("buy my pills", await Html.GetAsync(moderator, ReportPath(report)), StringComparison.Ordinal);

        await UndoAsync(moderator, report, strike);
        Assert.Contains("buy my pills", await Html.GetAsync(reader, path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkingPostsSensitiveAndUndoingIt()
    {
        var (target, _) = await MemberAsync("md_sensitive");
        var (reporter, _) = await MemberAsync("md_rep6");
        var (_, moderator) = await MemberAsync("md_mod6", UserRole.Moderator);
        var post = await PostAsync(target.Id, "a graphic picture");
        var report = await ReportAsync(reporter.Id, target.Id, post.Id);

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(moderator, report, "mark_sensitive")).StatusCode);
        Assert.True((await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Id == post.Id))).Sensitive);
        await UndoAsync(moderator, report, await OnlyStrikeAsync(target.Id));
        Assert.False((await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Id == post.Id))).Sensitive);
    }

    [Fact]
    public async Task SuspensionEndsTheWebSessionAndTheApiTokenAtOnceAndUndoLetsTheMemberBackIn()
    {
        var (target, member) = await MemberAsync("md_suspended");
        var token = await app.TokenAsync(target.UserName!);
        var (reporter, reader) = await MemberAsync("md_rep7");
        var (_, moderator) = await MemberAsync("md_mod7", UserRole.Moderator);
        var post = await PostAsync(target.Id, "threats");
        var report = await ReportAsync(reporter.Id, target.Id, post.Id);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(moderator, report, "suspend")).StatusCode);
        Assert.Equal(UserStatus.Disabled, (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == target.Id))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        var signedOut = await member.GetAsync("/settings/profile");
        Assert.StartsWith("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);
        // Profile and posts hidden, data kept.
        await Html.GetAsync(reader, $"/@{target.UserName}/{post.Id}", HttpStatusCode.NotFound);
        Assert.True(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.Id == post.Id && s.DeletedAt == null)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccountSuspend && e.TargetId == target.Id)));
        await app.DeliverMailAsync();
        Assert.Single(Mails(target.Email!), m => m.Contains("Your account is suspended", StringComparison.Ordinal));

        await UndoAsync(moderator, report, await OnlyStrikeAsync(target.Id));
        Assert.Equal(UserStatus.Active, (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == target.Id))).Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccountUnsuspend && e.TargetId == target.Id)));
        await Web.Account.AccountFlowTests.SignInAsync(app.Browser(), target.UserName!, KindredApp.Password);
        Assert.Contains("threats", await Html.GetAsync(reader, $"/@{target.UserName}/{post.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DismissingClosesTheReportWithoutAStrikeAndADecidedReportTakesNoSecondDecision()
    {
        var (target, _) = await MemberAsync("md_innocent");
        var (reporter, _) = await MemberAsync("md_rep8");
        var (moderatorUser, moderator) = await MemberAsync("md_mod8", UserRole.Moderator);
        var report = await ReportAsync(reporter.Id, target.Id);

        Assert.Equal(HttpStatusCode.OK, (await Html.PostFormAsync(moderator, ReportPath(report), "assign", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(moderatorUser.Id, (await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).AssignedAccountId);
        var dismissed = await Html.PostFormAsync(moderator, ReportPath(report), "dismiss", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.NotNull((await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).ActionTakenAt);
        Assert.Empty(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == target.Id).ToListAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ReportDismiss && e.TargetId == report.Id)));
        Assert.Empty(await app.WithDbAsync(db => db.Notifications.Where(n => n.AccountId == target.Id && n.Type == NotificationTypes.ModerationWarning).ToListAsync()));
        // The decided report shows no action form; a bad action name is refused with a message either way.
        var page = await Html.GetAsync(moderator, ReportPath(report));
        Assert.DoesNotContain("name=\"Action\"", page, StringComparison.Ordinal);
        var open = await ReportAsync(reporter.Id, target.Id);
        var bad = await ActAsync(moderator, open, "obliterate");
        Assert.Contains("Choose an action from the list.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == target.Id).ToListAsync()));
    }

    [Fact]
    public async Task LimitingFromTheReportHidesThePostsFromStrangersAndTheAccountViewShowsAndUndoesIt()
    {
        var (target, _) = await MemberAsync("md_limited");
        var (reporter, stranger) = await MemberAsync("md_rep9");
        var (_, moderator) = await MemberAsync("md_mod9", UserRole.Moderator);
        var post = await PostAsync(target.Id, "shouting at everyone");
        var report = await ReportAsync(reporter.Id, target.Id, post.Id);
        var path = $"/@{target.UserName}/{post.Id}";

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(moderator, report, "limit")).StatusCode);
        Assert.Equal(StrikeAction.Limit, (await OnlyStrikeAsync(target.Id)).Action);
        await Html.GetAsync(stranger, path, HttpStatusCode.NotFound);

        var view = await Html.GetAsync(moderator, "/moderation/accounts/" + target.UserName);
        Assert.Contains("Account limited", view, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"account-email-domain\">example.org</dd>", view, StringComparison.Ordinal);
        Assert.DoesNotContain(target.Email!, view, StringComparison.Ordinal);
        Assert.Contains($"href=\"{ReportPath(report)}\"", view, StringComparison.Ordinal);

        var strike = await OnlyStrikeAsync(target.Id);
        var undo = await Html.PostFormAsync(moderator, "/moderation/accounts/" + target.UserName, "undo", new Dictionary<string, string> { ["Strike"] = S(strike.Id) });
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        Assert.Contains("shouting at everyone", await Html.GetAsync(stranger, path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAccountViewIsForModeratorsAdminsAndTheOwnerOnly()
    {
        var (target, _) = await MemberAsync("md_viewed");
        var path = "/moderation/accounts/" + target.UserName;
        var signedOut = await app.Browser().GetAsync(path);
        Assert.StartsWith("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Api(await app.AppTokenAsync()).GetAsync(path)).StatusCode);
        foreach (var role in new[] { UserRole.Member, UserRole.Staff })
        {
            var (_, browser) = await MemberAsync("md_av_" + role.ToString().ToLowerInvariant(), role);
            var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("example.org", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        foreach (var role in new[] { UserRole.Moderator, UserRole.Admin, UserRole.Owner })
        {
            var (_, browser) = await MemberAsync("md_av_" + role.ToString().ToLowerInvariant(), role);
            Assert.Contains("example.org", await Html.GetAsync(browser, path), StringComparison.Ordinal);
        }
        var (_, modBrowser) = await MemberAsync("md_av_mod", UserRole.Moderator);
        await Html.GetAsync(modBrowser, "/moderation/accounts/nobody_here", HttpStatusCode.NotFound);
    }

    private IEnumerable<string> Mails(string address) =>
        Directory.Exists(app.MailDirectory)
            ? Directory.GetFiles(app.MailDirectory, "*.eml").Select(File.ReadAllText).Where(m => m.Contains(address, StringComparison.Ordinal))
            : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class ModerationPagesSqliteTests(SqliteApp app) : ModerationPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ModerationPagesPostgresTests(PostgresApp app) : ModerationPagesTests(app), IClassFixture<PostgresApp>;
