using Kindred.Core.Jobs;
using Kindred.Core.Staff;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Staff;

/// <summary>
/// A server in approval mode whose application alerts run when a test says so (like its mail), so a test can look
/// before and after the job.
/// </summary>
public class StaffApp : KindredApp
{
    public StaffApp(DatabaseKind database)
        : base(database)
    {
        Set("Kindred:Registrations:Mode", "approval");
        // Announcement mail batches too: a test runs them itself and then reads what they queued (ADR 76).
        Set("Kindred:Jobs:Paused", "mail," + ApplicationAlertJob.Name + "," + Kindred.Core.Announcements.AnnouncementMailJob.Name);
    }

    public Task<int> RunApplicationAlertsAsync() =>
        WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([ApplicationAlertJob.Name]));

    /// <summary>A member with the role, signed in through the web form; a lead is a member appointed safeguarding lead.</summary>
    public async Task<(User User, HttpClient Browser)> SignedInAsync(string username, UserRole role = UserRole.Member, bool lead = false)
    {
        var user = await CreateUserAsync(username, role);
        if (lead)
        {
            await WithDbAsync(async db =>
            {
                var row = await db.Users.FindAsync(user.Id);
                row!.IsSafeguardingLead = true;
                await db.SaveChangesAsync();
            });
        }
        var browser = Browser();
        await AccountFlowTests.SignInAsync(browser, username, Password);
        return (user, browser);
    }
}

public sealed class StaffSqliteApp() : StaffApp(DatabaseKind.Sqlite);

public sealed class StaffPostgresApp() : StaffApp(DatabaseKind.Postgres);
