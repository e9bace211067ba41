using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Admin;

/// <summary>Approval and invitation sign-ups end to end through the web forms, with the admin pages deciding.</summary>
public sealed class ApprovalFlowTests(ApprovalModeApp app) : IClassFixture<ApprovalModeApp>
{
    [Fact]
    public async Task AnApplicantWaitsUntilAnAdminApprovesThenSignsIn()
    {
        var applicant = app.Browser();
        var signUp = await Html.PostFormAsync(applicant, "/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.Username"] = "hopeful",
            ["Input.Email"] = "hopeful@example.org",
            ["Input.Password"] = "hopeful password 1",
            ["Input.Language"] = "en",
            ["Input.Reason"] = "I run the toddler group on Tuesdays.",
            ["Input.AcceptRules"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "hopeful"));
        Assert.Equal(UserStatus.Pending, user.Status);
        await app.WithDbAsync(async db =>
        {
            // Confirming the address is a separate step; here only the approval matters.
            var tracked = await db.Users.SingleAsync(u => u.Id == user.Id);
            tracked.EmailConfirmed = true;
            await db.SaveChangesAsync();
        });

        var early = await Html.PostFormAsync(app.Browser(), "/account/sign-in", "sign-in", Web.Account.AccountFlowTests.SignInFields("hopeful", "hopeful password 1"));
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);

        var admin = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(admin, "owner", KindredApp.OwnerPassword);
        var queue = await Html.GetAsync(admin, "/admin/applications");
        Assert.Contains("I run the toddler group on Tuesdays.", queue, StringComparison.Ordinal);
        var approve = await Html.PostFormAsync(admin, "/admin/applications", "applications", new Dictionary<string, string> { ["Approve"] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(approve.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);
        Assert.Equal(UserStatus.Active, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Status).SingleAsync()));
        Assert.Contains(Directory.GetFiles(app.MailDirectory, "*.eml").Select(File.ReadAllText),
            m => m.Contains("hopeful@example.org", StringComparison.Ordinal) && m.Contains("Your application was approved", StringComparison.Ordinal));

        await Web.Account.AccountFlowTests.SignInAsync(app.Browser(), "hopeful", "hopeful password 1");
    }

    [Fact]
    public async Task AnAdminCreatesAnInvitationWhoseLinkSkipsTheQueue()
    {
        var admin = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(admin, "owner", KindredApp.OwnerPassword);
        var created = await Html.PostFormAsync(admin, "/admin/invitations", "invitation", new Dictionary<string, string>
        {
            ["Input.MaxUses"] = "2",
            ["Input.ExpiresInDays"] = "14",
            ["Input.Note"] = "Parents evening",
        });
        Assert.True(created.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);
        var invitation = await app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Note == "Parents evening"));
        Assert.Equal(2, invitation.MaxUses);
        var page = await Html.GetAsync(admin, "/admin/invitations");
        Assert.Contains($"/account/sign-up?invite={invitation.Code}", page, StringComparison.Ordinal);

        var friend = app.Browser();
        var form = await Html.GetAsync(friend, $"/account/sign-up?invite={invitation.Code}");
        Assert.Contains(invitation.Code, form, StringComparison.Ordinal);
        var signUp = await Html.PostFormAsync(friend, $"/account/sign-up?invite={invitation.Code}", "sign-up", new Dictionary<string, string>
        {
            ["Input.Username"] = "parent",
            ["Input.Email"] = "parent@example.org",
            ["Input.Password"] = "parent password 1",
            ["Input.Language"] = "en",
            ["Input.InvitationCode"] = invitation.Code,
            ["Input.AcceptRules"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "parent"));
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.Equal(invitation.Id, user.InvitationId);
    }

    [Fact]
    public async Task AnAdminChangesARoleButCannotMakeAnotherAdmin()
    {
        var target = await app.CreateUserAsync("promoted");
        await app.CreateUserAsync("deputy", UserRole.Admin);
        var admin = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(admin, "deputy", KindredApp.Password);
        var id = target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Html.PostFormAsync(admin, "/admin/users", "roles", new Dictionary<string, string> { [$"role-{id}"] = "moderator", ["Member"] = id });
        Assert.Equal(UserRole.Moderator, await app.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.Role).SingleAsync()));

        var refused = await Html.PostFormAsync(admin, "/admin/users", "roles", new Dictionary<string, string> { [$"role-{id}"] = "admin", ["Member"] = id });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(UserRole.Moderator, await app.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.Role).SingleAsync()));
    }
}
