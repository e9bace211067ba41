using System.Net;
using Kindred.Core.Aid;
using Kindred.Core.Notifications;
using Kindred.Core.Staff;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Staff;

/// <summary>
/// Those who decide applications hear of a new one, and safeguarding leads of an "I feel unsafe", by notification and
/// e-mail at once (ADR 59); the mails name nobody.
/// </summary>
public abstract class StaffAlertTests(StaffApp app)
{
    private static IEnumerable<string> Mails(KindredApp app, string address) =>
        Directory.Exists(app.MailDirectory)
            ? Directory.GetFiles(app.MailDirectory, "*.eml").Select(File.ReadAllText).Where(m => m.Contains(address, StringComparison.Ordinal))
            : [];

    [Fact]
    public async Task ANewApplicationTellsAdminsAndTheOwnerByNotificationAndEmail()
    {
        var admin = await app.CreateUserAsync("sa_admin", UserRole.Admin);
        var staff = await app.CreateUserAsync("sa_staff", UserRole.Staff);
        var member = await app.CreateUserAsync("sa_member");
        var owner = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "owner"));

        var signUp = await Html.PostFormAsync(app.Browser(), "/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.Username"] = "sa_hopeful",
            ["Input.Email"] = "sa_hopeful@example.org",
            ["Input.Password"] = "hopeful password 1",
            ["Input.Language"] = "en",
            ["Input.Reason"] = "Private reason sa-7781: I run the toddler group.",
            ["Input.AcceptRules"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        var hopeful = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "sa_hopeful"));
        Assert.Equal(UserStatus.Pending, hopeful.Status);
        // Written with the account, waiting for the runner.
        var jobs = await app.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == ApplicationAlertJob.Name && j.State == JobState.Pending).ToListAsync());
        Assert.Single(jobs, j => j.Payload.Contains($"\"UserId\":{hopeful.Id}", StringComparison.Ordinal));

        Assert.True(await app.RunApplicationAlertsAsync() >= 1);
        // Other tests of this class apply too: count the notifications about this application (they carry its time).
        Task<int> Told(long id) => app.WithDbAsync(db => db.Notifications.CountAsync(n => n.AccountId == id && n.Type == NotificationTypes.ApplicationWaiting
            && n.CreatedAt == hopeful.CreatedAt));
        Assert.Equal(1, await Told(admin.Id));
        Assert.Equal(1, await Told(owner.Id));
        Assert.Equal(0, await Told(staff.Id));
        Assert.Equal(0, await Told(member.Id));

        await app.DeliverMailAsync();
        var adminMail = Assert.Single(Mails(app, "sa_admin@example.org"), m => m.Contains("A new application to join is waiting", StringComparison.Ordinal));
        Assert.Contains("/admin/applications", adminMail, StringComparison.Ordinal);
        Assert.DoesNotContain("sa_hopeful", adminMail, StringComparison.Ordinal);
        Assert.DoesNotContain("sa-7781", adminMail, StringComparison.Ordinal);
        Assert.Contains(Mails(app, "owner@example.org"), m => m.Contains("A new application to join is waiting", StringComparison.Ordinal));
        Assert.DoesNotContain(Mails(app, "sa_staff@example.org"), m => m.Contains("application", StringComparison.OrdinalIgnoreCase));

        // The owner sees it among the notifications, with the way to the applications.
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, "owner", KindredApp.OwnerPassword);
        var notifications = await Html.GetAsync(browser, "/notifications");
        Assert.Contains("Someone applied to join the community", notifications, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/applications\"", notifications, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningTheAlertAgainTellsNobodyTwice()
    {
        var admin = await app.CreateUserAsync("sa_twice_admin", UserRole.Admin);
        var applicant = await app.CreateUserAsync("sa_twice");
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == applicant.Id)).Status = UserStatus.Pending;
            await db.SaveChangesAsync();
        });
        var job = new Job { Id = 1, Kind = ApplicationAlertJob.Name, Payload = $$"""{"UserId":{{applicant.Id}},"BaseUrl":"http://localhost"}""" };
        for (var run = 0; run < 2; run++)
        {
            await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<ApplicationAlertJob>(s).RunAsync(job, CancellationToken.None));
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.AccountId == admin.Id && n.Type == NotificationTypes.ApplicationWaiting
            && n.CreatedAt == applicant.CreatedAt)));
    }

    [Fact]
    public async Task AnApplicationDecidedBeforeTheAlertRunsTellsNobody()
    {
        var admin = await app.CreateUserAsync("sa_late_admin", UserRole.Admin);
        var applicant = await app.CreateUserAsync("sa_late");
        var job = new Job { Id = 1, Kind = ApplicationAlertJob.Name, Payload = $$"""{"UserId":{{applicant.Id}},"BaseUrl":"http://localhost"}""" };
        Assert.Equal(0, await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<ApplicationAlertJob>(s).RunAsync(job, CancellationToken.None)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.AccountId == admin.Id && n.Type == NotificationTypes.ApplicationWaiting)));
    }

    [Fact]
    public async Task AWeakPasswordEnqueuesNoAlert()
    {
        var before = await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == ApplicationAlertJob.Name));
        await Html.PostFormAsync(app.Browser(), "/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.Username"] = "sa_weak",
            ["Input.Email"] = "sa_weak@example.org",
            // Long enough for the page, too few different characters for Identity, which refuses it before writing.
            ["Input.Password"] = "aaaaaaaaaaaa",
            ["Input.Language"] = "en",
            ["Input.Reason"] = "I would like to join.",
            ["Input.AcceptRules"] = "true",
        });
        Assert.Equal(before, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == ApplicationAlertJob.Name)));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "sa_weak")));
    }

    [Fact]
    public async Task AnUnsafeConversationTellsEveryLeadByNotificationAndEmail()
    {
        var aid = new AidFixtures(app, "sa_");
        var lead = await aid.MemberAsync("lead", lead: true);
        var other = await aid.MemberAsync("other");
        var owner = await aid.MemberAsync("owner");
        var helper = await aid.MemberAsync("helper");
        var item = await aid.ItemAsync(owner);
        var rid = await aid.AnsweredAsync(helper, item.Id);
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/unsafe", ("reason", "Private reason sa-9912"));

        Assert.Single(await aid.NotificationsAsync(lead.Id, NotificationTypes.AidEscalation));
        Assert.Empty(await aid.NotificationsAsync(other.Id, NotificationTypes.AidEscalation));
        await app.DeliverMailAsync();
        var mail = Assert.Single(Mails(app, lead.Name + "@example.org"), m => m.Contains("A safeguarding alert is waiting for review", StringComparison.Ordinal));
        Assert.Contains("/safeguarding/escalations", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("sa-9912", mail, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Name, mail, StringComparison.Ordinal);
        Assert.DoesNotContain(Mails(app, other.Name + "@example.org"), m => m.Contains("safeguarding", StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class StaffAlertSqliteTests(StaffSqliteApp app) : StaffAlertTests(app), IClassFixture<StaffSqliteApp>;

public sealed class StaffAlertPostgresTests(StaffPostgresApp app) : StaffAlertTests(app), IClassFixture<StaffPostgresApp>;
