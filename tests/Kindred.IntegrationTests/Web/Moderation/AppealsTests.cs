using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Audit;
using Kindred.Core.Notifications;
using Kindred.Core.Reports;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace Kindred.IntegrationTests.Web.Moderation;

/// <summary>
/// Appeals (ADR 71) through the pages without JavaScript: a member appeals a strike once from their warnings page, a
/// suspended member from the sign-in page with no session, and a moderator other than the strike's author decides;
/// approval undoes each kind of strike, and the member is told in their language.
/// </summary>
public abstract partial class AppealsTests(KindredApp app)
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
        app.WithServicesAsync(s => s.GetRequiredService<ReportService>().CreateAsync(reporterId, new NewReport(targetId, statusIds, "Please look at this", ReportCategory.Violation, [])));

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A strike issued through the moderator's report page.</summary>
    private async Task<Strike> StrikeAsync(HttpClient moderator, Report report, string action, string text = "Please stop.")
    {
        var response = await Html.PostFormAsync(moderator, "/moderation/reports/" + S(report.Id), "act", new Dictionary<string, string> { ["Action"] = action, ["Text"] = text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await app.WithDbAsync(db => db.Strikes.Where(s => s.ReportId == report.Id).SingleAsync());
    }

    private static Task<HttpResponseMessage> AppealAsync(HttpClient member, Strike strike, string text, string page = "/settings/warnings") =>
        Html.PostFormAsync(member, page, "appeal-" + S(strike.Id), new Dictionary<string, string> { ["Text"] = text });

    private static Task<HttpResponseMessage> DecideAsync(HttpClient moderator, Appeal appeal, string decision, string reply = "") =>
        Html.PostFormAsync(moderator, AppealPath(appeal), "decide", new Dictionary<string, string> { ["Decision"] = decision, ["Reply"] = reply });

    private static string AppealPath(Appeal appeal) => "/moderation/appeals/" + S(appeal.Id);

    private Task<Appeal?> AppealOfAsync(Strike strike) => app.WithDbAsync(db => db.Appeals.SingleOrDefaultAsync(a => a.StrikeId == strike.Id));

    private Task<Strike> ReloadAsync(Strike strike) => app.WithDbAsync(db => db.Strikes.SingleAsync(s => s.Id == strike.Id));

    private Task<int> NoticesAsync(long memberId) =>
        app.WithDbAsync(db => db.Notifications.CountAsync(n => n.AccountId == memberId && n.Type == NotificationTypes.ModerationWarning));

    private Task<List<string>> QueuedMailsAsync(string address) =>
        app.WithDbAsync(db => db.Jobs.Where(j => j.Kind == "mail" && j.Payload.Contains(address)).Select(j => j.Payload).ToListAsync());

    /// <summary>A warned member, their browser, the strike, and the moderator who issued it.</summary>
    private async Task<(User Member, HttpClient Browser, Strike Strike, HttpClient Issuer)> WarnedAsync(string prefix, string action = "warn", string text = "Please stop.")
    {
        var (member, browser) = await MemberAsync(prefix);
        var (reporter, _) = await MemberAsync(prefix + "_rep");
        var (_, issuer) = await MemberAsync(prefix + "_mod", UserRole.Moderator);
        var post = await PostAsync(member.Id, "a post by " + member.UserName);
        var strike = await StrikeAsync(issuer, await ReportAsync(reporter.Id, member.Id, post.Id), action, text);
        return (member, browser, strike, issuer);
    }

    [Fact]
    public async Task AMemberAppealsTheirWarningOnceAndBadInputOrSomeoneElseChangesNothing()
    {
        var (member, browser, strike, _) = await WarnedAsync("ap_warned");
        Assert.Contains("value=\"appeal-" + S(strike.Id) + "\"", await Html.GetAsync(browser, "/settings/warnings"), StringComparison.Ordinal);

        // Empty or too long: 422 with the message, no appeal.
        var empty = await AppealAsync(browser, strike, "   ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("Say why the decision should change.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooLong = await AppealAsync(browser, strike, new string('a', Kindred.Core.Moderation.AppealService.MaxTextCharacters + 1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Null(await AppealOfAsync(strike));

        // Another member cannot appeal it: the strike is not theirs (404, so nobody learns it exists).
        var (_, other) = await MemberAsync("ap_other");
        var token = TokenPattern().Match(await Html.GetAsync(other, "/settings/warnings")).Groups[1].Value;
        var forged = await other.PostAsync("/settings/warnings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "appeal-" + S(strike.Id),
            ["Text"] = "Not mine",
        }));
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        Assert.Null(await AppealOfAsync(strike));

        // Signed out: sign in first.
        var signedOut = await app.Browser().GetAsync("/settings/warnings");
        Assert.StartsWith("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);

        var sent = await AppealAsync(browser, strike, "I was quoting someone else.");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var appeal = await AppealOfAsync(strike);
        Assert.NotNull(appeal);
        Assert.Equal(member.Id, appeal.AccountId);
        Assert.Null(appeal.DecidedAt);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AppealCreate && e.ActorId == member.Id)));
        var page = await Html.GetAsync(browser, "/settings/warnings");
        Assert.Contains("I was quoting someone else.", page, StringComparison.Ordinal);
        Assert.Contains("Waiting for a moderator&#x27;s answer", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"appeal-text-" + S(strike.Id) + "\"", page, StringComparison.Ordinal);

        // Once per strike: a second appeal is a conflict and keeps the first.
        var again = await AppealAsync(browser, strike, "And another thing.");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Each decision can be appealed once.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("I was quoting someone else.", (await AppealOfAsync(strike))!.Text);
    }

    [Fact]
    public async Task TheModeratorWhoIssuedTheStrikeMayNotDecideItsAppealAndOnlyModeratorsAdminsAndTheOwnerDo()
    {
        var (member, browser, strike, issuer) = await WarnedAsync("ap_matrix");
        Assert.Equal(HttpStatusCode.OK, (await AppealAsync(browser, strike, "Please reconsider.")).StatusCode);
        var appeal = (await AppealOfAsync(strike))!;

        // The issuer sees the appeal and why they may not decide it; deciding anyway is a 403 that changes nothing.
        var issuerPage = await Html.GetAsync(issuer, AppealPath(appeal));
        Assert.Contains("Please reconsider.", issuerPage, StringComparison.Ordinal);
        Assert.Contains("You took this decision, so another moderator decides its appeal.", issuerPage, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" disabled", issuerPage, StringComparison.Ordinal);
        var refused = await DecideAsync(issuer, appeal, "approve");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("another moderator decides its appeal", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Signed out, an app token, a member (even the appellant) and staff: no page, no decision.
        Assert.StartsWith("/account/sign-in", Html.Location(await app.Browser().GetAsync(AppealPath(appeal))), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Api(await app.AppTokenAsync()).GetAsync(AppealPath(appeal))).StatusCode);
        var (_, staff) = await MemberAsync("ap_staff", UserRole.Staff);
        foreach (var (who, client) in new[] { ("member", browser), ("staff", staff) })
        {
            foreach (var path in new[] { "/moderation/appeals", AppealPath(appeal) })
            {
                var response = await client.GetAsync(path);
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{who} {path}: {(int)response.StatusCode}");
                Assert.DoesNotContain("Please reconsider.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            var token = TokenPattern().Match(await Html.GetAsync(client, "/settings/profile")).Groups[1].Value;
            var forged = await client.PostAsync(AppealPath(appeal), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["_handler"] = "decide",
                ["Decision"] = "approve",
            }));
            Assert.True((int)forged.StatusCode >= 300, $"{who}: {(int)forged.StatusCode}");
        }
        Assert.Null((await AppealOfAsync(strike))!.DecidedAt);
        Assert.Null((await ReloadAsync(strike)).UndoneAt);

        // The queue lists it with its count, and the staff console counts it for moderators.
        var (otherUser, other) = await MemberAsync("ap_other_mod", UserRole.Moderator);
        var waiting = await app.WithDbAsync(db => db.Appeals.CountAsync(a => a.DecidedAt == null));
        Assert.Contains($"href=\"{AppealPath(appeal)}\"", await Html.GetAsync(other, "/moderation/appeals"), StringComparison.Ordinal);
        Assert.Contains($"<data value=\"{waiting}\" class=\"count\">", await Html.GetAsync(other, "/moderation"), StringComparison.Ordinal);
        Assert.Contains($"<data value=\"{waiting}\" class=\"count\" id=\"console-appeals\">", await Html.GetAsync(other, "/staff"), StringComparison.Ordinal);
        Assert.DoesNotContain("console-appeals", await Html.GetAsync(staff, "/staff"), StringComparison.Ordinal);

        // Another moderator decides: a rejection needs a reply (422), then stands, and a second decision is a conflict.
        var bare = await DecideAsync(other, appeal, "reject");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bare.StatusCode);
        var unknown = await DecideAsync(other, appeal, "maybe", "Hmm");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Null((await AppealOfAsync(strike))!.DecidedAt);
        var notices = await NoticesAsync(member.Id);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(other, appeal, "reject", "The post broke the rule on insults.")).StatusCode);
        var decided = (await AppealOfAsync(strike))!;
        Assert.False(decided.Approved);
        Assert.Equal(otherUser.Id, decided.DeciderId);
        Assert.Null((await ReloadAsync(strike)).UndoneAt);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AppealReject && e.ActorId == otherUser.Id && e.TargetId == member.Id)));
        Assert.Equal(notices + 1, await NoticesAsync(member.Id));
        Assert.Single(await QueuedMailsAsync(member.Email!), p => p.Contains("Your appeal was rejected", StringComparison.Ordinal));
        var memberPage = await Html.GetAsync(browser, "/settings/warnings");
        Assert.Contains("The post broke the rule on insults.", memberPage, StringComparison.Ordinal);
        Assert.Contains("Appeal rejected: the decision stays", memberPage, StringComparison.Ordinal);
        Assert.DoesNotContain(otherUser.UserName!, memberPage, StringComparison.Ordinal);

        var twice = await DecideAsync(other, appeal, "approve", "Changed my mind");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("This appeal was already decided.", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await AppealOfAsync(strike))!.Approved);

        // Admins and the owner decide too.
        foreach (var role in new[] { UserRole.Admin, UserRole.Owner })
        {
            var (_, memberBrowser, next, _) = await WarnedAsync("ap_by_" + role.ToString().ToLowerInvariant());
            Assert.Equal(HttpStatusCode.OK, (await AppealAsync(memberBrowser, next, "Please.")).StatusCode);
            var (_, decider) = await MemberAsync("ap_decider_" + role.ToString().ToLowerInvariant(), role);
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(decider, (await AppealOfAsync(next))!, "approve")).StatusCode);
            Assert.NotNull((await ReloadAsync(next)).UndoneAt);
        }
    }

    [Theory]
    [InlineData("warn")]
    [InlineData("remove_statuses")]
    [InlineData("mark_sensitive")]
    [InlineData("limit")]
    public async Task ApprovingAnAppealUndoesTheStrikeAsUndoDoes(string action)
    {
        var (member, browser, strike, _) = await WarnedAsync("ap_undo_" + action[..4], action);
        var (_, stranger) = await MemberAsync("ap_stranger");
        var post = await app.WithDbAsync(db => db.Statuses.Where(s => s.AccountId == member.Id).SingleAsync());
        var path = $"/@{member.UserName}/{post.Id}";
        if (action is "remove_statuses" or "limit")
        {
            await Html.GetAsync(stranger, path, HttpStatusCode.NotFound);
        }

        Assert.Equal(HttpStatusCode.OK, (await AppealAsync(browser, strike, "That was a mistake.")).StatusCode);
        var (moderatorUser, moderator) = await MemberAsync("ap_second", UserRole.Moderator);
        var appealPage = await Html.GetAsync(moderator, AppealPath((await AppealOfAsync(strike))!));
        Assert.Contains("That was a mistake.", appealPage, StringComparison.Ordinal);
        // The original report's snapshot is shown with the appeal.
        Assert.Contains("a post by " + member.UserName, appealPage, StringComparison.Ordinal);
        Assert.Contains("Please look at this", appealPage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(moderator, (await AppealOfAsync(strike))!, "approve")).StatusCode);
        var undone = await ReloadAsync(strike);
        Assert.NotNull(undone.UndoneAt);
        Assert.Equal(moderatorUser.Id, undone.UndoneById);
        Assert.True((await AppealOfAsync(strike))!.Approved);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AppealApprove && e.TargetId == member.Id)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.StrikeUndo && e.TargetId == member.Id)));
        Assert.Contains(post.Id.ToString(CultureInfo.InvariantCulture), await Html.GetAsync(stranger, path), StringComparison.Ordinal);
        Assert.False((await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Id == post.Id))).Sensitive);
        Assert.Contains("Appeal approved: the decision was withdrawn", await Html.GetAsync(browser, "/settings/warnings"), StringComparison.Ordinal);
        Assert.Single(await QueuedMailsAsync(member.Email!), p => p.Contains("Your appeal was approved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASuspendedMemberAppealsFromTheSignInPageWithNoSessionNorTokenAndSignsInAgainOnceApproved()
    {
        var (member, oldBrowser, strike, _) = await WarnedAsync("ap_susp", "suspend", "Threats are not allowed here.");
        Assert.StartsWith("/account/sign-in", Html.Location(await oldBrowser.GetAsync("/settings/profile")), StringComparison.Ordinal);
        var sessions = await app.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == member.Id));
        var subject = S(member.Id);
        var tokens = await app.WithDbAsync(db => db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync(t => t.Subject == subject));

        // The suspension mail leads to the sign-in page.
        Assert.Contains(Kindred.Core.Moderation.StrikeNotices.SignInPath,
            Assert.Single(await QueuedMailsAsync(member.Email!), p => p.Contains("Your account is suspended", StringComparison.Ordinal)), StringComparison.Ordinal);

        // A wrong password shows nothing; without the ticket the page shows nothing of the account.
        var stranger = app.Browser();
        var wrong = await Html.PostFormAsync(stranger, "/account/sign-in", "sign-in", Web.Account.AccountFlowTests.SignInFields(member.UserName!, "not the password 1"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.DoesNotContain("Threats are not allowed", await Html.GetAsync(stranger, "/account/suspended"), StringComparison.Ordinal);

        // The right password leads to the suspension page, and to nothing else.
        var browser = app.Browser();
        var signIn = await Html.PostFormAsync(browser, "/account/sign-in", "sign-in", Web.Account.AccountFlowTests.SignInFields(member.UserName!, KindredApp.Password));
        Assert.Equal("/account/suspended", Html.Location(signIn));
        var cookies = signIn.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        Assert.Contains(cookies, c => c.StartsWith("kindred-appeal=", StringComparison.Ordinal) && c.Contains("path=/account/suspended", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(cookies, c => c.StartsWith("kindred=", StringComparison.Ordinal) || c.StartsWith("kindred-2fa=", StringComparison.Ordinal) || c.StartsWith("__Host-kindred", StringComparison.Ordinal));
        var page = await Html.GetAsync(browser, "/account/suspended");
        Assert.Contains("Threats are not allowed here.", page, StringComparison.Ordinal);
        foreach (var path in new[] { "/settings/profile", "/settings/warnings", "/notifications", "/settings/apps" })
        {
            var response = await browser.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && Html.Location(response).StartsWith("/account/sign-in", StringComparison.Ordinal), $"{path}: {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        // The password grant stays closed too.
        var (clientId, secret) = await app.RegisterAppAsync("read");
        var grant = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["username"] = member.UserName!,
            ["password"] = KindredApp.Password,
            ["scope"] = "read",
        }));
        Assert.NotEqual(HttpStatusCode.OK, grant.StatusCode);

        var sent = await AppealAsync(browser, strike, "I was angry but I threatened nobody.", "/account/suspended");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Waiting for a moderator&#x27;s answer", await Html.GetAsync(browser, "/account/suspended"), StringComparison.Ordinal);
        Assert.Equal(sessions, await app.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == member.Id)));
        Assert.Equal(tokens, await app.WithDbAsync(db => db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync(t => t.Subject == subject)));
        Assert.Equal(UserStatus.Disabled, (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == member.Id))).Status);

        var (_, moderator) = await MemberAsync("ap_susp_second", UserRole.Moderator);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(moderator, (await AppealOfAsync(strike))!, "approve", "Welcome back.")).StatusCode);
        Assert.Equal(UserStatus.Active, (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == member.Id))).Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccountUnsuspend && e.TargetId == member.Id)));
        Assert.Single(await QueuedMailsAsync(member.Email!), p => p.Contains("Your appeal was approved", StringComparison.Ordinal));
        // The ticket is void once the account is active: the member signs in as anyone does.
        Assert.DoesNotContain("Threats are not allowed", await Html.GetAsync(browser, "/account/suspended"), StringComparison.Ordinal);
        await Web.Account.AccountFlowTests.SignInAsync(app.Browser(), member.UserName!, KindredApp.Password);
    }

    [Fact]
    public async Task ASuspendedMemberWithTwoFactorGivesTheCodeBeforeSeeingTheSuspension()
    {
        var (member, _, strike, _) = await WarnedAsync("ap_susp2fa", "suspend", "Harassment of another member.");
        var key = await app.WithServicesAsync(async s =>
        {
            var manager = s.GetRequiredService<UserManager<User>>();
            var user = (await manager.FindByIdAsync(S(member.Id)))!;
            await manager.ResetAuthenticatorKeyAsync(user);
            await manager.SetTwoFactorEnabledAsync(user, true);
            return (await manager.GetAuthenticatorKeyAsync(user))!;
        });

        var browser = app.Browser();
        var signIn = await Html.PostFormAsync(browser, "/account/sign-in", "sign-in", Web.Account.AccountFlowTests.SignInFields(member.UserName!, KindredApp.Password));
        Assert.Equal("/account/suspended", Html.Location(signIn));
        var first = await Html.GetAsync(browser, "/account/suspended");
        Assert.Contains("name=\"Code\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Harassment of another member.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"appeal-" + S(strike.Id) + "\"", first, StringComparison.Ordinal);

        var wrong = await Html.PostFormAsync(browser, "/account/suspended", "suspended-code", new Dictionary<string, string> { ["Code"] = "000000" == Totp.Code(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.DoesNotContain("Harassment of another member.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await Html.PostFormAsync(browser, "/account/suspended", "suspended-code", new Dictionary<string, string> { ["Code"] = Totp.Code(key) });
        Assert.Equal("/account/suspended", Html.Location(right));
        Assert.Contains("Harassment of another member.", await Html.GetAsync(browser, "/account/suspended"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await AppealAsync(browser, strike, "It was not me.", "/account/suspended")).StatusCode);
        Assert.NotNull(await AppealOfAsync(strike));
        Assert.StartsWith("/account/sign-in", Html.Location(await browser.GetAsync("/settings/profile")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFrenchSpeakingMemberIsToldOfTheDecisionInFrench()
    {
        var (member, browser, strike, _) = await WarnedAsync("ap_fr");
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == member.Id)).Locale = "fr";
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await AppealAsync(browser, strike, "Je conteste.")).StatusCode);
        var (_, moderator) = await MemberAsync("ap_fr_second", UserRole.Moderator);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(moderator, (await AppealOfAsync(strike))!, "reject", "La règle est claire.")).StatusCode);
        Assert.Single(await QueuedMailsAsync(member.Email!), p => p.Contains("Votre appel est rejet", StringComparison.Ordinal));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class AppealsSqliteTests(SqliteApp app) : AppealsTests(app), IClassFixture<SqliteApp>;

public sealed class AppealsPostgresTests(PostgresApp app) : AppealsTests(app), IClassFixture<PostgresApp>;
