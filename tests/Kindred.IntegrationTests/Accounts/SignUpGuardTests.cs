using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Exports;
using Kindred.Core.Moderation;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Accounts;

/// <summary>
/// The sign-up defences and the moderators' account facts (ADR 73): blocked e-mail domains and sign-up IP rules at
/// every door (the web form, the web form with an invitation, POST /api/v1/accounts), the hourly throttle, the sign-up
/// address and moderators' notes on the account view, and who may see or change any of it.
/// </summary>
public abstract class SignUpGuardTests(KindredApp app)
{
    private const string DomainRefused = "Sign-ups with this e-mail domain are not accepted.";
    private const string NetworkRefused = "Sign-ups from your network are not accepted. Please contact the organization.";

    private static int users;

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<(User User, HttpClient Browser)> SignedInAsync(string prefix, UserRole role = UserRole.Member)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name, role);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, name, KindredApp.Password);
        return (user, browser);
    }

    private static async Task<HttpClient> OwnerAsync(KindredApp app)
    {
        var owner = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(owner, "owner", KindredApp.OwnerPassword);
        return owner;
    }

    private static Task<HttpResponseMessage> WebSignUpAsync(KindredApp app, string ip, string username, string email, string? code = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Username"] = username,
            ["Input.Email"] = email,
            ["Input.Password"] = "a long enough password",
            ["Input.Language"] = "en",
            ["Input.AcceptRules"] = "true",
        };
        if (code is not null)
        {
            fields["Input.InvitationCode"] = code;
        }
        return Html.PostFormAsync(app.Browser(ip), "/account/sign-up" + (code is null ? "" : "?invite=" + code), "sign-up", fields);
    }

    private async Task<HttpResponseMessage> ApiSignUpAsync(string ip, string username, string email) =>
        await app.Api(await app.AppTokenAsync("read write"), ip).PostAsJsonAsync("/api/v1/accounts",
            new { username, email, password = "a long enough password", agreement = true, locale = "en" });

    private async Task<string> InvitationAsync()
    {
        var (staff, _) = await SignedInAsync("sg_inviter", UserRole.Staff);
        var token = await app.TokenAsync(staff.UserName!, "read write");
        var created = await app.Api(token).PostAsync("/api/v1/kindred/invitations", new FormUrlEncodedContent([new("max_uses", "10")]));
        return (await KindredApp.Json(created, HttpStatusCode.OK)).GetProperty("code").GetString()!;
    }

    private Task<bool> ExistsAsync(string username) => app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == username));

    private Task<User> UserAsync(string username) => app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == username));

    private Task<SignUpIpRule> RuleAsync(string network, SignUpIpSeverity severity) =>
        app.WithServicesAsync(s => s.GetRequiredService<SignUpDefences>().AddIpRuleAsync(OwnerId(s), new NewSignUpIpRule(network, severity, null, "test")));

    private static long OwnerId(IServiceProvider s) =>
        s.GetRequiredService<KindredDbContext>().Users.Where(u => u.UserName == "owner").Select(u => u.Id).Single();

    private static async Task AssertFormErrorAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(message), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABlockedDomainIsStoredInOneSpellingAndEveryDoorRefusesItAndItsSubdomains()
    {
        var owner = await OwnerAsync(app);
        var blocked = await Html.PostFormAsync(owner, "/admin/email-domains", "block-domain", new Dictionary<string, string> { ["Input.Domain"] = "  @Bücher-SG.Example. " });
        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        var block = await app.WithDbAsync(db => db.EmailDomainBlocks.SingleAsync(b => b.Domain == "xn--bcher-sg-65a.example"));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.EmailDomainBlock && e.TargetId == block.Id)));
        await Html.PostFormAsync(owner, "/admin/email-domains", "block-domain", new Dictionary<string, string> { ["Input.Domain"] = "spam-sg.example" });
        var code = await InvitationAsync();

        await AssertFormErrorAsync(await WebSignUpAsync(app, "192.0.2.1", "sg_dom_web", "a@spam-sg.example"), DomainRefused);
        await AssertFormErrorAsync(await WebSignUpAsync(app, "192.0.2.1", "sg_dom_sub", "a@mail.Spam-SG.example"), DomainRefused);
        await AssertFormErrorAsync(await WebSignUpAsync(app, "192.0.2.1", "sg_dom_idn", "a@xn--bcher-sg-65a.example"), DomainRefused);
        await AssertFormErrorAsync(await WebSignUpAsync(app, "192.0.2.1", "sg_dom_inv", "a@spam-sg.example", code), DomainRefused);
        var api = await ApiSignUpAsync("192.0.2.1", "sg_dom_api", "a@deep.mail.spam-sg.example");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        Assert.Contains(DomainRefused, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var name in new[] { "sg_dom_web", "sg_dom_sub", "sg_dom_idn", "sg_dom_inv", "sg_dom_api" })
        {
            Assert.False(await ExistsAsync(name), name);
        }
        // A domain that only ends the same way is not a subdomain, and the invitation kept its uses.
        Assert.Equal(HttpStatusCode.Redirect, (await WebSignUpAsync(app, "192.0.2.1", "sg_dom_ok", "a@notspam-sg.example", code)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Invitations.Where(i => i.Code == code).Select(i => i.Uses).SingleAsync()));

        // A change of address to a blocked domain is refused by the same check.
        var change = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<SignUpGuard>().ThrowIfDomainBlockedAsync("me@x.spam-sg.example");
            return true;
        }));
        Assert.Equal(ErrorKind.Invalid, change.Kind);
    }

    [Fact]
    public async Task ARefusedRangeIsRefusedAtEveryDoorAndAnApprovalRangeMakesAPendingApplication()
    {
        await RuleAsync("198.51.100.0/24", SignUpIpSeverity.Refused);
        await RuleAsync("2001:db8:5::/48", SignUpIpSeverity.NeedsApproval);
        var code = await InvitationAsync();

        await AssertFormErrorAsync(await WebSignUpAsync(app, "198.51.100.9", "sg_ip_web", "sg_ip_web@example.org"), NetworkRefused);
        await AssertFormErrorAsync(await WebSignUpAsync(app, "198.51.100.10", "sg_ip_inv", "sg_ip_inv@example.org", code), NetworkRefused);
        var api = await ApiSignUpAsync("198.51.100.11", "sg_ip_api", "sg_ip_api@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains(NetworkRefused, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // An IPv4 client seen through an IPv6 socket is the same address.
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiSignUpAsync("::ffff:198.51.100.12", "sg_ip_mapped", "sg_ip_mapped@example.org")).StatusCode);
        foreach (var name in new[] { "sg_ip_web", "sg_ip_inv", "sg_ip_api", "sg_ip_mapped" })
        {
            Assert.False(await ExistsAsync(name), name);
        }

        var web = await WebSignUpAsync(app, "2001:db8:5:1::7", "sg_ap_web", "sg_ap_web@example.org");
        Assert.Equal(HttpStatusCode.Redirect, web.StatusCode);
        Assert.Contains("approval", Html.Location(web), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await WebSignUpAsync(app, "2001:db8:5::8", "sg_ap_inv", "sg_ap_inv@example.org", code)).StatusCode);
        await KindredApp.Json(await ApiSignUpAsync("2001:db8:5::9", "sg_ap_api", "sg_ap_api@example.org"), HttpStatusCode.OK);
        foreach (var name in new[] { "sg_ap_web", "sg_ap_inv", "sg_ap_api" })
        {
            var user = await UserAsync(name);
            Assert.Equal(UserStatus.Pending, user.Status);
            Assert.Null(user.ApprovedAt);
            // It waits in the admins' queue like any application.
            Assert.Contains(await app.WithServicesAsync(s => s.GetRequiredService<AccountService>().PendingAsync()), u => u.Id == user.Id);
        }
        Assert.Equal("2001:db8:5:1::7", (await UserAsync("sg_ap_web")).SignUpIp);

        // Outside both ranges an open sign-up is open.
        Assert.Equal(HttpStatusCode.Redirect, (await WebSignUpAsync(app, "198.51.101.1", "sg_ip_free", "sg_ip_free@example.org")).StatusCode);
        Assert.Equal(UserStatus.Active, (await UserAsync("sg_ip_free")).Status);
    }

    [Fact]
    public async Task AnExpiredRuleNoLongerApplies()
    {
        var rule = await RuleAsync("203.0.113.64/26", SignUpIpSeverity.Refused);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiSignUpAsync("203.0.113.70", "sg_exp_before", "sg_exp_before@example.org")).StatusCode);
        await app.WithDbAsync(db => db.SignUpIpRules.Where(r => r.Id == rule.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        await KindredApp.Json(await ApiSignUpAsync("203.0.113.70", "sg_exp_after", "sg_exp_after@example.org"), HttpStatusCode.OK);
        Assert.True(await ExistsAsync("sg_exp_after"));
        // The page lists it as ended.
        Assert.Contains("Ended on", await Html.GetAsync(await OwnerAsync(app), "/admin/sign-up-rules"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheThrottleRefusesTheSignUpPastTheHourlyLimitWith429()
    {
        // SignUpGuardApp allows three accounts per address per hour.
        for (var i = 0; i < 3; i++)
        {
            await KindredApp.Json(await ApiSignUpAsync("192.0.2.77", "sg_thr_" + S(i), $"sg_thr_{i}@example.org"), HttpStatusCode.OK);
        }
        var api = await ApiSignUpAsync("192.0.2.77", "sg_thr_api", "sg_thr_api@example.org");
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.NotNull(api.Headers.RetryAfter);
        var web = await WebSignUpAsync(app, "192.0.2.77", "sg_thr_web", "sg_thr_web@example.org");
        Assert.Equal(HttpStatusCode.TooManyRequests, web.StatusCode);
        Assert.Contains("Too many sign-ups from your network", await web.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await ExistsAsync("sg_thr_api"));
        Assert.False(await ExistsAsync("sg_thr_web"));
        // Another address is not held back, and an hour later this one may sign up again.
        await KindredApp.Json(await ApiSignUpAsync("192.0.2.78", "sg_thr_other", "sg_thr_other@example.org"), HttpStatusCode.OK);
        await app.WithDbAsync(db => db.Users.Where(u => u.SignUpIp == "192.0.2.77").ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, DateTime.UtcNow.AddMinutes(-61))));
        await KindredApp.Json(await ApiSignUpAsync("192.0.2.77", "sg_thr_later", "sg_thr_later@example.org"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheSignUpAddressAndNotesAreForModeratorsAdminsAndTheOwnerOnly()
    {
        await KindredApp.Json(await ApiSignUpAsync("192.0.2.201", "sg_seen", "sg_seen@seen-sg.example"), HttpStatusCode.OK);
        var target = await UserAsync("sg_seen");
        Assert.Equal("192.0.2.201", target.SignUpIp);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true)));
        var path = "/moderation/accounts/sg_seen";
        var (moderator, modBrowser) = await SignedInAsync("sg_mod", UserRole.Moderator);
        var added = await Html.PostFormAsync(modBrowser, path, "add-note", new Dictionary<string, string> { ["Input.Text"] = "Secret note sg-4471: three accounts in a day" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var note = await app.WithDbAsync(db => db.ModeratorNotes.SingleAsync(n => n.AccountId == target.Id));
        Assert.Equal(moderator.Id, note.AuthorId);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ModeratorNoteAdd && e.ActorId == moderator.Id && e.TargetId == target.Id)));

        foreach (var role in new[] { UserRole.Moderator, UserRole.Admin, UserRole.Owner })
        {
            var (_, browser) = await SignedInAsync("sg_see_" + role.ToString().ToLowerInvariant(), role);
            var page = await Html.GetAsync(browser, path);
            Assert.Contains("<dd id=\"account-signup-ip\">192.0.2.201</dd>", page, StringComparison.Ordinal);
            Assert.Contains("<dd id=\"account-email-domain\">seen-sg.example</dd>", page, StringComparison.Ordinal);
            Assert.Contains("Secret note sg-4471", page, StringComparison.Ordinal);
        }
        var memberToken = await app.TokenAsync("sg_seen", "read write", "a long enough password");
        var others = new List<HttpClient>();
        foreach (var role in new[] { UserRole.Member, UserRole.Staff })
        {
            var (user, browser) = await SignedInAsync("sg_hide_" + role.ToString().ToLowerInvariant(), role);
            var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("192.0.2.201", html, StringComparison.Ordinal);
            Assert.DoesNotContain("sg-4471", html, StringComparison.Ordinal);
            others.Add(browser);
            var token = await app.TokenAsync(user.UserName!, "read write");
            var json = await app.Api(token).GetStringAsync("/api/v1/accounts/" + S(target.Id));
            Assert.DoesNotContain("192.0.2.201", json, StringComparison.Ordinal);
            Assert.DoesNotContain("sg-4471", json, StringComparison.Ordinal);
        }
        // Staff reach the member through the people console, which shows neither.
        var staffPeople = await others[1].GetStringAsync("/staff/people/sg_seen");
        Assert.DoesNotContain("192.0.2.201", staffPeople, StringComparison.Ordinal);
        Assert.DoesNotContain("sg-4471", staffPeople, StringComparison.Ordinal);
        // The member: neither on their own pages nor in their own account's JSON.
        var own = await app.Api(memberToken).GetStringAsync("/api/v1/accounts/verify_credentials");
        Assert.DoesNotContain("192.0.2.201", own, StringComparison.Ordinal);
        Assert.DoesNotContain("sg-4471", own, StringComparison.Ordinal);
        var memberBrowser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(memberBrowser, "sg_seen", "a long enough password");
        Assert.Equal(HttpStatusCode.Forbidden, (await memberBrowser.GetAsync(path)).StatusCode);
        Assert.DoesNotContain("sg-4471", await memberBrowser.GetStringAsync("/settings/warnings"), StringComparison.Ordinal);
        var signedOut = await app.Browser().GetAsync(path);
        Assert.StartsWith("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);

        // Their own data export holds both (ADR 73: personal data about them, like the staff notes).
        var export = await app.WithServicesAsync(s => s.GetRequiredService<ExportKindredData>().AllAsync(target.Id, CancellationToken.None));
        Assert.Contains("192.0.2.201", export.Single(f => f.Name == "settings.json").Node.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("sg-4471", export.Single(f => f.Name == "moderator_notes.json").Node.ToJsonString(), StringComparison.Ordinal);

        // Another moderator has no delete button and is refused; an admin deletes it, audited.
        var (_, otherMod) = await SignedInAsync("sg_mod2", UserRole.Moderator);
        Assert.DoesNotContain("name=\"Note\"", await Html.GetAsync(otherMod, path), StringComparison.Ordinal);
        Assert.Contains("name=\"Note\"", await Html.GetAsync(modBrowser, path), StringComparison.Ordinal);
        var refused = await Html.PostFormAsync(otherMod, path, "delete-note", new Dictionary<string, string> { ["Note"] = S(note.Id) });
        Assert.Contains("author or an admin deletes it.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.ModeratorNotes.AnyAsync(n => n.Id == note.Id)));
        var (admin, adminBrowser) = await SignedInAsync("sg_admin", UserRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await Html.PostFormAsync(adminBrowser, path, "delete-note", new Dictionary<string, string> { ["Note"] = S(note.Id) })).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ModeratorNotes.AnyAsync(n => n.Id == note.Id)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ModeratorNoteDelete && e.ActorId == admin.Id && e.TargetId == target.Id)));
        // A member cannot write one either.
        var memberWrite = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(s => s.GetRequiredService<ModeratorNoteService>().AddAsync(target.Id, target.Id, "about me")));
        Assert.Equal(ErrorKind.Forbidden, memberWrite.Kind);
    }

    [Fact]
    public async Task OnlyAdminsAndTheOwnerChangeTheListsAndModeratorsReadTheDomainCounts()
    {
        await app.CreateUserAsync("sg_count_a");
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "sg_count_a")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "a@counted-sg.example").SetProperty(u => u.NormalizedEmail, "A@COUNTED-SG.EXAMPLE")));
        await app.CreateUserAsync("sg_count_b");
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "sg_count_b")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "b@lists.counted-sg.example").SetProperty(u => u.NormalizedEmail, "B@LISTS.COUNTED-SG.EXAMPLE")));
        var owner = await OwnerAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await Html.PostFormAsync(owner, "/admin/email-domains", "block-domain", new Dictionary<string, string> { ["Input.Domain"] = "counted-sg.example" })).StatusCode);

        var signedOut = await app.Browser().GetAsync("/admin/email-domains");
        Assert.StartsWith("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);
        Assert.StartsWith("/account/sign-in", Html.Location(await app.Browser().GetAsync("/admin/sign-up-rules")), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Api(await app.AppTokenAsync()).GetAsync("/admin/email-domains")).StatusCode);
        foreach (var role in new[] { UserRole.Member, UserRole.Staff })
        {
            var (_, browser) = await SignedInAsync("sg_list_" + role.ToString().ToLowerInvariant(), role);
            var response = await browser.GetAsync("/admin/email-domains");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("counted-sg.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        foreach (var role in new[] { UserRole.Member, UserRole.Staff, UserRole.Moderator })
        {
            var (_, browser) = await SignedInAsync("sg_rules_" + role.ToString().ToLowerInvariant(), role);
            var response = await browser.GetAsync("/admin/sign-up-rules");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/denied", Html.Location(response), StringComparison.Ordinal);
        }

        var (moderator, modBrowser) = await SignedInAsync("sg_list_mod", UserRole.Moderator);
        var modPage = await Html.GetAsync(modBrowser, "/admin/email-domains");
        Assert.Contains("counted-sg.example", modPage, StringComparison.Ordinal);
        Assert.Contains("<td class=\"domain-accounts\">2</td>", modPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Domain", modPage, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Block\"", modPage, StringComparison.Ordinal);
        var modAdd = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(s => s.GetRequiredService<SignUpDefences>().BlockDomainAsync(moderator.Id, "other-sg.example")));
        Assert.Equal(ErrorKind.Forbidden, modAdd.Kind);
        var modRule = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(s => s.GetRequiredService<SignUpDefences>().AddIpRuleAsync(moderator.Id, new NewSignUpIpRule("10.0.0.0/8", SignUpIpSeverity.Refused, null, null))));
        Assert.Equal(ErrorKind.Forbidden, modRule.Kind);

        var (_, adminBrowser) = await SignedInAsync("sg_list_admin", UserRole.Admin);
        var adminPage = await Html.GetAsync(adminBrowser, "/admin/email-domains");
        Assert.Contains("Input.Domain", adminPage, StringComparison.Ordinal);
        Assert.Contains("name=\"Block\"", adminPage, StringComparison.Ordinal);
        var added = await Html.PostFormAsync(adminBrowser, "/admin/sign-up-rules", "ip-rule", new Dictionary<string, string>
        {
            ["Input.Network"] = "100.64.3.7/16",
            ["Input.Severity"] = "Refused",
            ["Input.Days"] = "30",
            ["Input.Comment"] = "Spam wave",
        });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var rule = await app.WithDbAsync(db => db.SignUpIpRules.SingleAsync(r => r.Network == "100.64.0.0/16"));
        Assert.Equal(SignUpIpSeverity.Refused, rule.Severity);
        Assert.InRange(rule.ExpiresAt!.Value, DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignUpIpRuleAdd && e.TargetId == rule.Id)));
        Assert.Contains("100.64.0.0/16", await Html.GetAsync(owner, "/admin/sign-up-rules"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Html.PostFormAsync(owner, "/admin/sign-up-rules", "remove-rule", new Dictionary<string, string> { ["Rule"] = S(rule.Id) })).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SignUpIpRules.AnyAsync(r => r.Id == rule.Id)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignUpIpRuleRemove && e.TargetId == rule.Id)));

        var block = await app.WithDbAsync(db => db.EmailDomainBlocks.SingleAsync(b => b.Domain == "counted-sg.example"));
        Assert.Equal(HttpStatusCode.OK, (await Html.PostFormAsync(adminBrowser, "/admin/email-domains", "unblock-domain", new Dictionary<string, string> { ["Block"] = S(block.Id) })).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.EmailDomainBlocks.AnyAsync(b => b.Id == block.Id)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.EmailDomainUnblock && e.TargetId == block.Id)));
    }

    [Theory]
    [InlineData("300.1.1.1/8", "This is not an address or a range")]
    [InlineData("10.0.0.0/33", "This is not an address or a range")]
    [InlineData("2001:db8::/129", "This is not an address or a range")]
    [InlineData("not an address", "This is not an address or a range")]
    [InlineData("", "Enter an address or a range")]
    [InlineData("100.65.0.5", "There is already a rule for this range")]
    public async Task ABadRuleIsAFormErrorAndChangesNothing(string network, string message)
    {
        await app.WithDbAsync(async db =>
        {
            if (!await db.SignUpIpRules.AnyAsync(r => r.Network == "100.65.0.5/32"))
            {
                db.SignUpIpRules.Add(new SignUpIpRule { Id = Snowflake.NewId(DateTime.UtcNow), Network = "100.65.0.5/32", Severity = SignUpIpSeverity.Refused, CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
        });
        var before = await app.WithDbAsync(db => db.SignUpIpRules.CountAsync());
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        var response = await Html.PostFormAsync(await OwnerAsync(app), "/admin/sign-up-rules", "ip-rule", new Dictionary<string, string>
        {
            ["Input.Network"] = network,
            ["Input.Severity"] = "NeedsApproval",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.SignUpIpRules.CountAsync()));
        Assert.Equal(audits, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Theory]
    [InlineData("", "Enter a domain, such as example.com.")]
    [InlineData("   ", "Enter a domain, such as example.com.")]
    [InlineData("localhost", "This is not a domain name.")]
    [InlineData("bad domain.example", "This is not a domain name.")]
    [InlineData("DUPLICATE-sg.example", "This domain is already blocked.")]
    public async Task ABadDomainIsAFormErrorAndChangesNothing(string domain, string message)
    {
        await app.WithDbAsync(async db =>
        {
            if (!await db.EmailDomainBlocks.AnyAsync(b => b.Domain == "duplicate-sg.example"))
            {
                db.EmailDomainBlocks.Add(new EmailDomainBlock { Id = Snowflake.NewId(DateTime.UtcNow), Domain = "duplicate-sg.example", CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
        });
        var before = await app.WithDbAsync(db => db.EmailDomainBlocks.CountAsync());
        var response = await Html.PostFormAsync(await OwnerAsync(app), "/admin/email-domains", "block-domain", new Dictionary<string, string> { ["Input.Domain"] = domain });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.EmailDomainBlocks.CountAsync()));
    }
}

public sealed class SignUpGuardSqliteTests(SignUpGuardApp app) : SignUpGuardTests(app), IClassFixture<SignUpGuardApp>;

public sealed class SignUpGuardPostgresTests(SignUpGuardPostgresApp app) : SignUpGuardTests(app), IClassFixture<SignUpGuardPostgresApp>;
