using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.KindredApi.Invitations;

/// <summary>Invitations against the registration modes and the invitation settings: in approval mode a member's
/// invitation skips the queue (Kindred:Invitations:SkipApproval), and with Kindred:Invitations:MembersMayInvite off
/// only staff and moderators invite.</summary>
public abstract class InvitationModesTests(KindredApp app, bool skipsApproval)
{
    private static int users;

    private async Task<(User User, string Token)> MemberAsync(string prefix, UserRole role = UserRole.Member)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name, role);
        return (user, await app.TokenAsync(name, "read write"));
    }

    private async Task<HttpResponseMessage> SignUpAsync(string username, string? code, string? reason = null) =>
        await app.Api(await app.AppTokenAsync("read write")).PostAsJsonAsync("/api/v1/accounts",
            new { username, email = $"{username}@example.org", password = "a long enough password", agreement = true, invite_code = code, reason });

    [Fact]
    public async Task AMembersInvitationSkipsTheApprovalQueueOnlyWhenTheSettingSaysSo()
    {
        var (_, staffToken) = await MemberAsync("im_staff", UserRole.Staff);
        var code = (await KindredApp.Json(await app.Api(staffToken).PostAsync("/api/v1/kindred/invitations", new FormUrlEncodedContent([new("max_uses", "5")])), HttpStatusCode.OK))
            .GetProperty("code").GetString()!;
        var plain = await SignUpAsync("im_noreason", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, plain.StatusCode);

        var invited = await SignUpAsync("im_invited", code);
        if (skipsApproval)
        {
            await KindredApp.Json(invited, HttpStatusCode.OK);
            Assert.Equal(UserStatus.Active, await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "im_invited").Select(u => u.Status).SingleAsync()));
        }
        else
        {
            // The invitation alone is not enough: an application text is needed, and the newcomer waits in the queue.
            Assert.Equal(HttpStatusCode.UnprocessableEntity, invited.StatusCode);
            Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "im_invited")));
            Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.Where(i => i.Code == code).Select(i => i.Uses).SingleAsync()));
            await KindredApp.Json(await SignUpAsync("im_applied", code, "A friend invited me."), HttpStatusCode.OK);
            var applied = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "im_applied"));
            Assert.Equal(UserStatus.Pending, applied.Status);
            Assert.NotNull(applied.InvitedById);
        }
    }

    [Fact]
    public async Task WhoMayInviteFollowsTheSetting()
    {
        var (member, memberToken) = await MemberAsync("im_member");
        var (_, moderatorToken) = await MemberAsync("im_mod", UserRole.Moderator);
        var response = await app.Api(memberToken).PostAsync("/api/v1/kindred/invitations", new FormUrlEncodedContent([new("message", "hi")]));
        // The approval app lets members invite; the staff-only app does not.
        Assert.Equal(skipsApproval ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(moderatorToken).PostAsync("/api/v1/kindred/invitations", new FormUrlEncodedContent([new("message", "hi")]))).StatusCode);
        Assert.Equal(skipsApproval ? 1 : 0, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.CreatedById == member.Id)));

        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, member.UserName!, KindredApp.Password);
        var page = await Html.GetAsync(browser, "/invitations");
        Assert.Equal(!skipsApproval, page.Contains("On this server only staff can invite people.", StringComparison.Ordinal));
    }
}

/// <summary>Approval mode with the invitation settings at their defaults.</summary>
public class ApprovalInvitationsApp : KindredApp
{
    public ApprovalInvitationsApp()
        : this(DatabaseKind.Sqlite)
    {
    }

    protected ApprovalInvitationsApp(DatabaseKind kind)
        : base(kind) => Set("Kindred:Registrations:Mode", "approval");
}

public sealed class ApprovalInvitationsPostgresApp() : ApprovalInvitationsApp(DatabaseKind.Postgres);

/// <summary>Approval mode where invitations do not skip the queue and only staff and moderators invite.</summary>
public class StaffInvitationsApp : KindredApp
{
    public StaffInvitationsApp()
        : this(DatabaseKind.Sqlite)
    {
    }

    protected StaffInvitationsApp(DatabaseKind kind)
        : base(kind)
    {
        Set("Kindred:Registrations:Mode", "approval");
        Set("Kindred:Invitations:SkipApproval", "false");
        Set("Kindred:Invitations:MembersMayInvite", "false");
    }
}

public sealed class StaffInvitationsPostgresApp() : StaffInvitationsApp(DatabaseKind.Postgres);

public sealed class ApprovalInvitationsSqliteTests(ApprovalInvitationsApp app) : InvitationModesTests(app, true), IClassFixture<ApprovalInvitationsApp>;

public sealed class ApprovalInvitationsPostgresTests(ApprovalInvitationsPostgresApp app) : InvitationModesTests(app, true), IClassFixture<ApprovalInvitationsPostgresApp>;

public sealed class StaffInvitationsSqliteTests(StaffInvitationsApp app) : InvitationModesTests(app, false), IClassFixture<StaffInvitationsApp>;

public sealed class StaffInvitationsPostgresTests(StaffInvitationsPostgresApp app) : InvitationModesTests(app, false), IClassFixture<StaffInvitationsPostgresApp>;
