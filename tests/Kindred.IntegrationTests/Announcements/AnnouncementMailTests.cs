using System.Net;
using System.Text.Json;
using Kindred.Core.Announcements;
using Kindred.Core.Common.Email;
using Kindred.Core.Jobs;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Announcements;

/// <summary>Announcements by e-mail (ADR 61): the audience exactly, consent, one-click unsubscribe, batches that never
/// queue a mail twice.</summary>
public abstract class AnnouncementMailTests(KindredApp app)
{
    private Task<int> RunBatchesAsync() =>
        app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([AnnouncementMailJob.Name]));

    private Task<List<QueuedMail>> MailsForAsync(long announcementId) =>
        app.WithDbAsync(async db =>
        {
            var prefix = $"announcement:{announcementId}:";
            var rows = await db.Jobs.AsNoTracking().Where(j => j.Kind == MailJob.Name && j.IdempotencyKey!.StartsWith(prefix)).ToListAsync();
            return rows.Select(JobQueue.Read<QueuedMail>).ToList();
        });

    private Task<bool> EmailAsync(long announcementId, AnnouncementAudience audience) =>
        app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<AnnouncementService>().EmailAsync(await AnnouncementFixtures.OwnerIdAsync(app), announcementId, audience);
            return true;
        });

    [Fact]
    public async Task OnlyConsentingMembersOfTheChosenGroupGetTheMail()
    {
        var inGroup = await app.CreateUserAsync("am_in");
        var optedOut = await app.CreateUserAsync("am_out");
        var outside = await app.CreateUserAsync("am_outside");
        var suspended = await app.CreateUserAsync("am_suspended");
        var group = await TestGroups.CreateAsync(app, "am-group", GroupVisibility.Public, inGroup.Id);
        await TestGroups.JoinAsync(app, group.Id, optedOut.Id);
        await TestGroups.JoinAsync(app, group.Id, suspended.Id);
        await app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == optedOut.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AnnouncementEmailsOff, true));
            await db.Users.Where(u => u.Id == suspended.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Disabled));
        });
        var a = await AnnouncementFixtures.CreateAsync(app, "The **group** meets on Friday");

        await EmailAsync(a.Id, new AnnouncementAudience(AnnouncementAudienceKind.Groups, [group.Id], []));
        await RunBatchesAsync();

        var mails = await MailsForAsync(a.Id);
        var mail = Assert.Single(mails);
        Assert.Equal(inGroup.Email, mail.To);
        Assert.Contains("<strong>group</strong>", mail.Html, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers!["List-Unsubscribe-Post"]);
        Assert.StartsWith("<http://localhost/announcements/unsubscribe?token=", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.DoesNotContain(mails, m => m.To == outside.Email);

        // Mailed once: a second send is refused.
        var again = await Assert.ThrowsAsync<Kindred.Core.Common.KindredException>(() => EmailAsync(a.Id, AnnouncementAudience.Everyone));
        Assert.Equal(Kindred.Core.Common.ErrorKind.Conflict, again.Kind);

        // The sending is in the audit log with its audience, once.
        var logged = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == Kindred.Core.Audit.AuditActions.AnnouncementEmail && e.TargetId == a.Id).ToListAsync());
        Assert.Equal($"groups: {group.Id}", Assert.Single(logged).After);
    }

    [Fact]
    public async Task TheRolesAudienceReachesExactlyThoseRoles()
    {
        var staff = await app.CreateUserAsync("am_staff", UserRole.Staff);
        var moderator = await app.CreateUserAsync("am_mod", UserRole.Moderator);
        await app.CreateUserAsync("am_plain");
        var a = await AnnouncementFixtures.CreateAsync(app, "For the team");

        await EmailAsync(a.Id, new AnnouncementAudience(AnnouncementAudienceKind.Roles, [], [UserRole.Moderator]));
        await RunBatchesAsync();

        var to = (await MailsForAsync(a.Id)).Select(m => m.To).ToList();
        var moderators = await app.WithDbAsync(db => db.Users.Where(u => u.Role == UserRole.Moderator && u.Status == UserStatus.Active && !u.AnnouncementEmailsOff).Select(u => u.Email!).ToListAsync());
        Assert.Equal(moderators.Order(StringComparer.Ordinal), to.Order(StringComparer.Ordinal));
        Assert.Contains(moderator.Email, to);
        Assert.DoesNotContain(staff.Email, to);
    }

    [Fact]
    public async Task ABatchThatRunsAgainQueuesNoMailTwice()
    {
        var member = await app.CreateUserAsync("am_retry");
        var group = await TestGroups.CreateAsync(app, "am-retry", GroupVisibility.Public, member.Id);
        var a = await AnnouncementFixtures.CreateAsync(app, "Only once");
        var audience = new AnnouncementAudience(AnnouncementAudienceKind.Groups, [group.Id], []);
        var payload = JsonSerializer.Serialize(new AnnouncementMailBatch(a.Id, audience, 0));

        // The same batch job run twice, as after a process that died before marking it done.
        var added = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            added.Add(await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<AnnouncementMailJob>(s)
                .RunAsync(new Job { Id = 1, Kind = AnnouncementMailJob.Name, Payload = payload }, CancellationToken.None)));
        }

        Assert.Equal([1, 0], added);
        Assert.Single(await MailsForAsync(a.Id));
    }

    [Fact]
    public async Task TheOneClickUnsubscribeTurnsAnnouncementMailsOff()
    {
        var member = await app.CreateUserAsync("am_unsub");
        var group = await TestGroups.CreateAsync(app, "am-unsub", GroupVisibility.Public, member.Id);
        var a = await AnnouncementFixtures.CreateAsync(app, "Unsubscribe from me");
        await EmailAsync(a.Id, new AnnouncementAudience(AnnouncementAudienceKind.Groups, [group.Id], []));
        await RunBatchesAsync();
        var link = Assert.Single(await MailsForAsync(a.Id)).Headers!["List-Unsubscribe"].Trim('<', '>');
        var path = new Uri(link).PathAndQuery;

        // A GET only asks; a bad token or a wrong body changes nothing.
        Assert.Contains("Stop announcement e-mails", await Html.GetAsync(app.Browser(), path), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Api().PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "yes" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Api().PostAsync("/announcements/unsubscribe?token=forged", new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.AnnouncementEmailsOff).SingleAsync()));

        var response = await app.Api().PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.AnnouncementEmailsOff).SingleAsync()));

        var next = await AnnouncementFixtures.CreateAsync(app, "After unsubscribing");
        await EmailAsync(next.Id, new AnnouncementAudience(AnnouncementAudienceKind.Groups, [group.Id], []));
        await RunBatchesAsync();
        Assert.Empty(await MailsForAsync(next.Id));
    }
}

public sealed class AnnouncementMailSqliteTests(SqliteApp app) : AnnouncementMailTests(app), IClassFixture<SqliteApp>;

public sealed class AnnouncementMailPostgresTests(PostgresApp app) : AnnouncementMailTests(app), IClassFixture<PostgresApp>;
