using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Accounts;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Staff;

/// <summary>The staff console (ADR 59): who may open it, which parts each role sees, its counts and the nav badge.</summary>
public abstract partial class StaffConsoleTests(StaffApp app)
{
    private static int? Count(string page, string part) =>
        CountPattern().Match(page.Replace("id=\"console-" + part + "\">", "\u0001", StringComparison.Ordinal)) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [Fact]
    public async Task EachRoleSeesOnlyThePartsItMayActOn()
    {
        var (_, member) = await app.SignedInAsync("sc_member");
        var (_, lead) = await app.SignedInAsync("sc_lead", lead: true);
        var (_, moderator) = await app.SignedInAsync("sc_moderator", UserRole.Moderator);
        var (_, staff) = await app.SignedInAsync("sc_staff", UserRole.Staff);
        var (_, admin) = await app.SignedInAsync("sc_admin", UserRole.Admin);
        var owner = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(owner, "owner", KindredApp.OwnerPassword);

        var refused = await member.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var refusedBody = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain("console-", refusedBody, StringComparison.Ordinal);

        var signedOut = await app.Browser().GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);

        var leadPage = await Html.GetAsync(lead, "/staff");
        Assert.NotNull(Count(leadPage, "escalations"));
        Assert.NotNull(Count(leadPage, "safety"));
        Assert.Null(Count(leadPage, "applications"));
        Assert.Null(Count(leadPage, "reports"));
        Assert.Null(Count(leadPage, "new-members"));

        var moderatorPage = await Html.GetAsync(moderator, "/staff");
        Assert.NotNull(Count(moderatorPage, "reports"));
        Assert.Null(Count(moderatorPage, "applications"));
        Assert.Null(Count(moderatorPage, "escalations"));
        Assert.Null(Count(moderatorPage, "safety"));
        Assert.Null(Count(moderatorPage, "new-members"));

        var staffPage = await Html.GetAsync(staff, "/staff");
        Assert.NotNull(Count(staffPage, "new-members"));
        Assert.NotNull(Count(staffPage, "events"));
        Assert.Null(Count(staffPage, "applications"));
        Assert.Null(Count(staffPage, "reports"));
        Assert.Null(Count(staffPage, "escalations"));
        Assert.Null(Count(staffPage, "safety"));
        // The "needs reply" inbox is for those who answer as the organization (ADR 66).
        Assert.NotNull(Count(staffPage, "needs-reply"));
        Assert.Null(Count(moderatorPage, "needs-reply"));
        Assert.Null(Count(leadPage, "needs-reply"));
        // The console leads to the insights and the announcements for those who may open them, and nobody else.
        Assert.Contains("id=\"console-insights\"", staffPage, StringComparison.Ordinal);
        Assert.Contains("id=\"console-announcements\"", staffPage, StringComparison.Ordinal);
        Assert.DoesNotContain("console-insights", moderatorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("console-insights", leadPage, StringComparison.Ordinal);

        foreach (var browser in new[] { admin, owner })
        {
            var page = await Html.GetAsync(browser, "/staff");
            Assert.NotNull(Count(page, "applications"));
            Assert.NotNull(Count(page, "reports"));
            Assert.NotNull(Count(page, "new-members"));
            Assert.Null(Count(page, "escalations"));
            Assert.Null(Count(page, "safety"));
            Assert.NotNull(Count(page, "needs-reply"));
        }
    }

    [Fact]
    public async Task TheCountsAreWhatWaits()
    {
        var (_, admin) = await app.SignedInAsync("sc_counter", UserRole.Admin);
        var before = await Html.GetAsync(admin, "/staff");
        var applications = Count(before, "applications")!.Value;
        var reports = Count(before, "reports")!.Value;
        var newMembers = Count(before, "new-members")!.Value;

        var reporter = await app.CreateUserAsync("sc_reporter");
        var target = await app.CreateUserAsync("sc_target");
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.Reports.Add(new Report { Id = Snowflake.NewId(now), AccountId = reporter.Id, TargetAccountId = target.Id, CreatedAt = now });
            db.Reports.Add(new Report { Id = Snowflake.NewId(now), AccountId = reporter.Id, TargetAccountId = target.Id, CreatedAt = now, ActionTakenAt = now });
            await db.SaveChangesAsync();
        });
        var applicant = await app.CreateUserAsync("sc_applicant");
        var old = await app.CreateUserAsync("sc_old");
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == applicant.Id)).Status = UserStatus.Pending;
            (await db.Users.SingleAsync(u => u.Id == old.Id)).CreatedAt = DateTime.UtcNow.AddDays(-8);
            await db.SaveChangesAsync();
        });

        var after = await Html.GetAsync(admin, "/staff");
        Assert.Equal(applications + 1, Count(after, "applications"));
        Assert.Equal(reports + 1, Count(after, "reports"));
        // sc_reporter and sc_target joined now; sc_old joined eight days ago, sc_applicant is not a member yet.
        Assert.Equal(newMembers + 2, Count(after, "new-members"));
        Assert.Contains("/staff/people/sc_target", after, StringComparison.Ordinal);
        Assert.DoesNotContain("/staff/people/sc_old", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALeadCountsTheSafetyAlertsWaitingForReview()
    {
        var (_, lead) = await app.SignedInAsync("sc_safety_lead", lead: true);
        var before = Count(await Html.GetAsync(lead, "/staff"), "safety")!.Value;
        var raiser = await app.CreateUserAsync("sc_safety_raiser");
        var other = await app.CreateUserAsync("sc_safety_other");
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.SafetyEscalations.Add(new SafetyEscalation { Id = Snowflake.NewId(now), RaisedById = raiser.Id, AccountId = other.Id, Reason = "waiting", CreatedAt = now });
            db.SafetyEscalations.Add(new SafetyEscalation { Id = Snowflake.NewId(now), RaisedById = raiser.Id, AccountId = other.Id, Reason = "reviewed", CreatedAt = now, ReviewedAt = now, Decision = SafetyDecision.Resolved });
            await db.SaveChangesAsync();
        });
        var after = await Html.GetAsync(lead, "/staff");
        Assert.Equal(before + 1, Count(after, "safety"));
        Assert.Contains("href=\"/safeguarding/safety\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNavigationShowsTheConsoleWithItsBadgeToStaffOnly()
    {
        var (_, member) = await app.SignedInAsync("sc_navmember");
        var (_, admin) = await app.SignedInAsync("sc_navadmin", UserRole.Admin);
        Assert.DoesNotContain("href=\"/staff\"", await Html.GetAsync(member, "/settings/profile"), StringComparison.Ordinal);

        var page = await Html.GetAsync(admin, "/settings/profile");
        Assert.Contains("href=\"/staff\" class=\"staff-console-link\"", page, StringComparison.Ordinal);
        var waiting = await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Staff.StaffConsole>().WaitingAsync(
            s.GetRequiredService<KindredDbContext>().Users.Single(u => u.UserName == "sc_navadmin").Id));
        Assert.Matches($"waiting:\\s*</span>\\s*{waiting}\\s*</span>", page);
    }

    [Fact]
    public async Task AStaffMemberWhoseRoleWasRemovedLosesTheConsoleAtOnce()
    {
        var (user, staff) = await app.SignedInAsync("sc_demoted", UserRole.Staff);
        await Html.GetAsync(staff, "/staff");
        await Html.GetAsync(staff, "/staff/people");

        // Through the service: the role loss ends every session (ADR 44), so the next page asks to sign in.
        await app.WithServicesAsync(s => s.GetRequiredService<AccountService>().SetRoleAsync(null, UserRole.Owner, user.Id, UserRole.Member));
        foreach (var path in new[] { "/staff", "/staff/people", "/staff/people/sc_demoted", "/staff/people.csv" })
        {
            var response = await staff.GetAsync(path);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task TheRoleIsReadFromTheDatabaseNotTheCookie()
    {
        var (user, staff) = await app.SignedInAsync("sc_stale", UserRole.Staff);
        await Html.GetAsync(staff, "/staff/people");
        // Changed behind the cookie's back (no session ended): the pages still refuse at once.
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == user.Id)).Role = UserRole.Member;
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/staff/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/staff/people.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/staff/people/owner")).StatusCode);
    }

    [GeneratedRegex("\u0001(\\d+)<")]
    private static partial Regex CountPattern();
}

public sealed class StaffConsoleSqliteTests(StaffSqliteApp app) : StaffConsoleTests(app), IClassFixture<StaffSqliteApp>;

public sealed class StaffConsolePostgresTests(StaffPostgresApp app) : StaffConsoleTests(app), IClassFixture<StaffPostgresApp>;
