using System.Globalization;
using System.Net;
using Kindred.Core.Invitations;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Invitations;

/// <summary>The invitation pages without JavaScript: /invite/{code}, the sign-up page with a code that no longer
/// works, "My invitations" (links, e-mails, errors, revoking, who joined), joining a group from an invitation while
/// signed in, and the staff referral tree with its role matrix.</summary>
public abstract class InvitationPagesTests(KindredApp app)
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

    private Task<Invitation> InviteAsync(long creatorId, NewInvitation request) =>
        app.WithServicesAsync(s => s.GetRequiredService<InvitationService>().CreateForMemberAsync(creatorId, request));

    private Task<HttpResponseMessage> SignUpFormAsync(HttpClient browser, string username, string code) =>
        Html.PostFormAsync(browser, $"/account/sign-up?invite={code}", "sign-up", new Dictionary<string, string>
        {
            ["Input.Username"] = username,
            ["Input.Email"] = $"{username}@example.org",
            ["Input.Password"] = "a long enough password",
            ["Input.Language"] = "en",
            ["Input.InvitationCode"] = code,
            ["Input.AcceptRules"] = "true",
        });

    [Fact]
    public async Task TheInvitationPageSaysWhoInvitedWithTheirMessageAndTheGroup()
    {
        var (host, _) = await MemberAsync("ip_host");
        var group = await InvitationFixtures.CreateGroupAsync(app, host.Id, GroupJoinPolicy.Approval, GroupVisibility.Secret);
        var invitation = await InviteAsync(host.Id, new NewInvitation(5, TimeSpan.FromDays(7), Message: "Join us <b>now</b>!", GroupId: group.Id));

        var page = await Html.GetAsync(app.Browser(), $"/invite/{invitation.Code}");
        Assert.Contains("You are invited to join Helping Hands", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/@{host.UserName}\"", page, StringComparison.Ordinal);
        Assert.Contains("Join us &lt;b&gt;now&lt;/b&gt;!", page, StringComparison.Ordinal);
        Assert.Contains(group.Name, page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/account/sign-up?invite={invitation.Code}\"", page, StringComparison.Ordinal);
        Assert.Contains($"/account/sign-in?returnUrl=%2Finvite%2F{invitation.Code}", page, StringComparison.Ordinal);

        // Signing up from it remembers the invitation and joins the group.
        var response = await SignUpFormAsync(app.Browser(), "ip_newcomer", invitation.Code);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var newcomer = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "ip_newcomer"));
        Assert.Equal(host.Id, newcomer.InvitedById);
        Assert.True(await app.WithDbAsync(db => db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id && m.AccountId == newcomer.Id && m.InvitationId == invitation.Id)));
    }

    [Fact]
    public async Task AnInvitationThatNoLongerWorksSaysWhyAndTheSignUpFormCreatesNothing()
    {
        var (host, _) = await MemberAsync("ip_old");
        var invitation = await InviteAsync(host.Id, new NewInvitation(null, TimeSpan.FromDays(1)));
        await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddHours(-1))));

        var landing = await Html.GetAsync(app.Browser(), $"/invite/{invitation.Code}");
        Assert.Contains("This invitation has expired.", landing, StringComparison.Ordinal);
        Assert.DoesNotContain($"/account/sign-up?invite={invitation.Code}", landing, StringComparison.Ordinal);
        await Html.GetAsync(app.Browser(), "/invite/nosuchcode", HttpStatusCode.NotFound);

        var browser = app.Browser();
        // The sign-up page says so at once, with the code filled in (this went missing on PostgreSQL when the page decided
        // whether it was a fresh form after its first query; see SignUpPage.OnInitializedAsync).
        var form = await Html.GetAsync(browser, $"/account/sign-up?invite={invitation.Code}");
        Assert.Contains("This invitation has expired.", form, StringComparison.Ordinal);
        Assert.Contains($"value=\"{invitation.Code}\"", form, StringComparison.Ordinal);
        var response = await SignUpFormAsync(browser, "ip_expired", invitation.Code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This invitation has expired.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "ip_expired")));
        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invitation.Id).Select(i => i.Uses).SingleAsync()));
    }

    [Fact]
    public async Task MyInvitationsCreatesLinksAndEmailsRefusesBadInputAndShowsWhoJoined()
    {
        var (me, browser) = await MemberAsync("ip_mine");
        Task<int> CountAsync() => app.WithDbAsync(db => db.Invitations.CountAsync(i => i.CreatedById == me.Id));

        var bad = await Html.PostFormAsync(browser, "/invitations", "invitation-link", new Dictionary<string, string> { ["Input.MaxUses"] = "lots", ["Input.Message"] = "Hello" });
        Assert.Contains("Enter a whole number, or leave it empty.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooLong = await Html.PostFormAsync(browser, "/invitations", "invitation-link", new Dictionary<string, string> { ["Input.Message"] = new string('m', 501) });
        Assert.Contains("The message has at most 500 characters.", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badMail = await Html.PostFormAsync(browser, "/invitations", "invitation-email", new Dictionary<string, string> { ["Input.Email"] = "nobody", ["Input.Language"] = "en" });
        Assert.Contains("Enter a valid e-mail address.", await badMail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());

        var created = await Html.PostFormAsync(browser, "/invitations", "invitation-link", new Dictionary<string, string> { ["Input.MaxUses"] = "4", ["Input.ExpiresInDays"] = "10", ["Input.Message"] = "Our food bank needs you" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var invitation = await app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.CreatedById == me.Id));
        Assert.Equal(4, invitation.MaxUses);
        Assert.Equal("Our food bank needs you", invitation.Message);
        Assert.Contains($"http://localhost/invite/{invitation.Code}", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mailed = await Html.PostFormAsync(browser, "/invitations", "invitation-email", new Dictionary<string, string> { ["Input.Email"] = "neighbour@example.net", ["Input.Language"] = "fr", ["Input.Message"] = "Bonjour !" });
        Assert.Contains("neighbour@example.net", await mailed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var mail = Directory.GetFiles(app.MailDirectory, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Any(a => a.Address == "neighbour@example.net"));
        Assert.Contains("vous invite à rejoindre Helping Hands", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Bonjour !", mail.TextBody, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SignUpFormAsync(app.Browser(), "ip_friend", invitation.Code)).StatusCode);
        var page = await Html.GetAsync(browser, "/invitations");
        Assert.Contains("href=\"/@ip_friend\"", page, StringComparison.Ordinal);
        Assert.Contains("1 of 4", page, StringComparison.Ordinal);
        Assert.Contains("Invitation for neighbour@example.net", page, StringComparison.Ordinal);

        var revoke = await Html.PostFormAsync(browser, "/invitations", "revoke-invitation", new Dictionary<string, string> { ["Invitation"] = invitation.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Contains("The invitation was revoked.", await revoke.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invitation.Id).Select(i => i.Revoked).SingleAsync()));

        // Someone else's invitation cannot be revoked from this page.
        var (otherUser, other) = await MemberAsync("ip_other");
        await InviteAsync(otherUser.Id, new NewInvitation(null, null));
        var foreign = await InviteAsync((await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "owner"))).Id, new NewInvitation(null, null));
        var refused = await Html.PostFormAsync(other, "/invitations", "revoke-invitation", new Dictionary<string, string> { ["Invitation"] = foreign.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Contains("No such invitation.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == foreign.Id).Select(i => i.Revoked).SingleAsync()));
    }

    [Fact]
    public async Task ASignedInMemberJoinsTheGroupOfAnInvitationButNotWhenBanned()
    {
        var (host, _) = await MemberAsync("ip_ghost");
        var group = await InvitationFixtures.CreateGroupAsync(app, host.Id, GroupJoinPolicy.InviteOnly, GroupVisibility.Members);
        var invitation = await InviteAsync(host.Id, new NewInvitation(3, null, GroupId: group.Id));

        var (guest, browser) = await MemberAsync("ip_gguest");
        var page = await Html.GetAsync(browser, $"/invite/{invitation.Code}");
        Assert.Contains("Join this group", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Accept and create my account", page, StringComparison.Ordinal);
        var joined = await Html.PostFormAsync(browser, $"/invite/{invitation.Code}", "accept-invitation", new Dictionary<string, string> { ["Accept"] = "1" });
        Assert.Contains($"You are now a member of {group.Name}.", await joined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var membership = await app.WithDbAsync(db => db.GroupMemberships.AsNoTracking().SingleAsync(m => m.GroupId == group.Id && m.AccountId == guest.Id));
        Assert.Equal(invitation.Id, membership.InvitationId);
        Assert.Equal(2, await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group.Id).Select(g => g.MembersCount).SingleAsync()));
        Assert.Contains("You are a member of this group.", await Html.GetAsync(browser, $"/invite/{invitation.Code}"), StringComparison.Ordinal);

        var (banned, bannedBrowser) = await MemberAsync("ip_gbanned");
        await InvitationFixtures.BanAsync(app, group.Id, banned.Id);
        var refused = await Html.PostFormAsync(bannedBrowser, $"/invite/{invitation.Code}", "accept-invitation", new Dictionary<string, string> { ["Accept"] = "1" });
        Assert.Contains("You cannot join this group.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id && m.AccountId == banned.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invitation.Id).Select(i => i.Uses).SingleAsync()));
    }

    [Fact]
    public async Task TheReferralTreeShowsWhoBroughtWhomToStaffOnly()
    {
        var (host, _) = await MemberAsync("ip_tree");
        var invitation = await InviteAsync(host.Id, new NewInvitation(5, null));
        Assert.Equal(HttpStatusCode.Redirect, (await SignUpFormAsync(app.Browser(), "ip_treechild", invitation.Code)).StatusCode);
        var child = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "ip_treechild"));
        var second = await InviteAsync(child.Id, new NewInvitation(5, null));
        Assert.Equal(HttpStatusCode.Redirect, (await SignUpFormAsync(app.Browser(), "ip_treegrandchild", second.Code)).StatusCode);

        var (_, admin) = await MemberAsync("ip_treeadmin", UserRole.Admin);
        var page = await Html.GetAsync(admin, "/admin/referrals");
        Assert.Contains($"href=\"/@{host.UserName}\"", page, StringComparison.Ordinal);
        Assert.Contains("Brought 1 person directly, 2 in all.", page, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Brought by ip_treechild\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/@ip_treegrandchild\"", page, StringComparison.Ordinal);
        var branch = await Html.GetAsync(admin, $"/admin/referrals?root={child.Id}");
        Assert.Contains("href=\"/@ip_treegrandchild\"", branch, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/@{host.UserName}\"", branch, StringComparison.Ordinal);
        await Html.GetAsync(admin, "/admin/referrals?root=999999999", HttpStatusCode.NotFound);
        var (_, staff) = await MemberAsync("ip_treestaff", UserRole.Staff);
        Assert.Contains("href=\"/@ip_treegrandchild\"", await Html.GetAsync(staff, "/admin/referrals"), StringComparison.Ordinal);

        var anonymous = await app.Browser().GetAsync("/admin/referrals");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/sign-in", Html.Location(anonymous), StringComparison.Ordinal);
        foreach (var role in new[] { UserRole.Member, UserRole.Moderator })
        {
            var (_, browser) = await MemberAsync("ip_treenosy", role);
            var refused = await browser.GetAsync("/admin/referrals");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/denied", Html.Location(refused), StringComparison.Ordinal);
        }
    }
}

public sealed class InvitationPagesSqliteTests(SqliteApp app) : InvitationPagesTests(app), IClassFixture<SqliteApp>;

public sealed class InvitationPagesPostgresTests(PostgresApp app) : InvitationPagesTests(app), IClassFixture<PostgresApp>;
