using System.Net;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Notifications;

/// <summary>
/// Tells every safeguarding lead at once that an "I feel unsafe" alert waits (aid, ADR 59; conversations and people,
/// ADR 75): a notification past blocks and mutes, and a mail in the lead's language that says only that an alert waits
/// and where to review it (ADR 47). Both are added to the caller's unit of work, so they go with the escalation or not
/// at all. The one who raised it is never told of their own alert, even when they are a lead.
/// </summary>
public sealed class SafeguardingAlerts(KindredDbContext db, Notify notify, MailJob mail, IOptions<KindredOptions> kindred)
{
    /// <param name="path">The leads' review page, e.g. <c>/safeguarding/escalations</c>.</param>
    /// <param name="english">The mail's sentence before the link, in English.</param>
    /// <param name="french">The same in French.</param>
    public async Task AddAsync(DateTime now, string type, long raisedById, NotificationAbout about, string path, string english, string french, CancellationToken ct)
    {
        var leads = await db.Users.AsNoTracking().Active().Where(u => u.IsSafeguardingLead && u.Id != raisedById)
            .Select(u => new { u.Id, u.Email, u.EmailConfirmed, u.Locale }).ToListAsync(ct);
        notify.AddRegardless(now, type, leads.Select(l => l.Id), raisedById, about);
        var root = string.IsNullOrWhiteSpace(kindred.Value.PublicUrl) ? "http://localhost:5000" : kindred.Value.PublicUrl.TrimEnd('/');
        var link = root + path;
        foreach (var lead in leads.Where(l => l.EmailConfirmed && !string.IsNullOrEmpty(l.Email)))
        {
            var fr = lead.Locale == "fr";
            var subject = fr ? "Une alerte de protection attend votre examen" : "A safeguarding alert is waiting for review";
            var intro = fr ? french : english;
            mail.Add(lead.Email!, subject, $"{intro}\n\n{link}\n",
                $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>");
        }
    }
}
