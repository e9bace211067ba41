using System.Net;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Common.Email;
using Kindred.Core.Jobs;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Staff;

/// <summary>
/// Tells the people who decide applications that someone applied (ADR 59): a notification and an e-mail each, written
/// in one SaveChanges. Enqueued by <see cref="AccountService.PrepareRegistrationAsync"/> with the new account, so an application is
/// never lost between the two, and run at once by the job runner. The mail names nobody and quotes nothing (ADR 47):
/// it says an application waits and links to the page that shows it to those allowed to see it.
/// </summary>
public sealed class ApplicationAlertJob(KindredDbContext db, Notify notify, MailJob mail) : IJobHandler
{
    public const string Name = AccountService.ApplicationAlertKind;

    public string Kind => Name;

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var alert = JobQueue.Read<ApplicationAlert>(job);
        var applicant = await db.Users.AsNoTracking().Where(u => u.Id == alert.UserId).Select(u => new { u.Status, u.CreatedAt }).FirstOrDefaultAsync(ct);
        if (applicant is null || applicant.Status != UserStatus.Pending)
        {
            // Decided (or gone) before the runner got here: nothing waits any more.
            return 0;
        }
        var deciders = await db.Users.AsNoTracking().Active().InRoles(Roles.CanDecideApplications)
            .Select(u => new { u.Id, u.Email, u.EmailConfirmed, u.Locale }).ToListAsync(ct);
        // The notification comes "from" its recipient, like aid_closing_soon: the applicant's account is not active
        // yet, and notifications only show what active accounts did. Its time is the application's, which also makes a
        // second run of this job (a process that died before marking it done) find it and add nothing.
        var told = await db.Notifications.AsNoTracking()
            .Where(n => n.Type == NotificationTypes.ApplicationWaiting && n.CreatedAt == applicant.CreatedAt)
            .Select(n => n.AccountId).ToListAsync(ct);
        var link = alert.BaseUrl.TrimEnd('/') + "/admin/applications";
        var count = 0;
        foreach (var decider in deciders.Where(d => !told.Contains(d.Id)))
        {
            notify.AddRegardless(applicant.CreatedAt, NotificationTypes.ApplicationWaiting, decider.Id, decider.Id, new NotificationAbout());
            if (decider.EmailConfirmed && !string.IsNullOrEmpty(decider.Email))
            {
                var fr = decider.Locale == "fr";
                var subject = fr ? "Une nouvelle demande d'inscription attend" : "A new application to join is waiting";
                var intro = fr ? "Quelqu'un a demandé à rejoindre la communauté. Pour lire sa demande et décider :"
                    : "Someone applied to join the community. To read the application and decide:";
                mail.Add(decider.Email, subject, $"{intro}\n\n{link}\n",
                    $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>");
            }
            count++;
        }
        await db.SaveChangesAsync(ct);
        return count;
    }
}
