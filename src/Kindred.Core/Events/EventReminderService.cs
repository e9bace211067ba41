using Kindred.Core.Common;
using Kindred.Core.Common.Email;
using Kindred.Core.Notifications;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Events;

/// <summary>
/// Reminders before each occurrence and follow-up prompts after it (ADR 28, 34), as in-app notifications and e-mails.
/// Each (event, occurrence, person, kind) is claimed by inserting its <see cref="EventReminderSend"/> row before anything
/// is sent: the primary key refuses a second claim, so two job runs, two server processes or a restart never send one
/// twice. A mail the SMTP server refuses keeps its row without <see cref="EventReminderSend.SentAt"/> and is tried again
/// by later runs (<see cref="RetryAfter"/> after the last try, at most <see cref="MaxMailAttempts"/> times, while a reminder is still before its occurrence and a
/// follow-up within its window); each attempt first bumps <see cref="EventReminderSend.MailAttempts"/> with a guarded
/// update, so racing processes never send one twice. The notification, written with the claim, is there either way.
/// </summary>
public sealed partial class EventReminderService(
    KindredDbContext db,
    Notify notify,
    EmailSender sender,
    IOptions<EventRemindersOptions> options,
    IOptions<KindredOptions> kindred,
    TimeProvider time,
    ILogger<EventReminderService> logger)
{
    private const int BatchSize = 200;
    private const int MaxBatchesPerRun = 50;

    /// <summary>How many times one reminder's mail is tried before it is given up.</summary>
    public const int MaxMailAttempts = 5;

    /// <summary>How long after an attempt a refused mail is tried again (longer than any SMTP timeout).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    private EventRemindersOptions Settings => options.Value;

    /// <summary>Sends every due reminder and follow-up; answers how many were claimed and sent.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var context = await ContextAsync(ct);
        // Earlier refusals first, so a mail refused in this run waits for the next one.
        return await RetriesAsync(now, context, ct) + await RemindersAsync(now, context, ct) + await FollowUpsAsync(now, context, ct);
    }

    /// <summary>Tries again the mails the SMTP server refused on earlier runs; answers how many went out.</summary>
    private async Task<int> RetriesAsync(DateTime now, MailContext context, CancellationToken ct)
    {
        var followUpsSince = now - Settings.FollowUpWindow;
        var triedBy = now - RetryAfter;
        var failed = await db.EventReminderSends.AsNoTracking()
            .Where(s => s.SentAt == null && s.MailAttempts > 0 && s.MailAttempts < MaxMailAttempts && s.MailTriedAt <= triedBy)
            .Where(s => ((s.Kind == EventReminderKind.Day || s.Kind == EventReminderKind.Hour) && s.OccurrenceStartsAt > now)
                || (s.Kind != EventReminderKind.Day && s.Kind != EventReminderKind.Hour && s.ClaimedAt >= followUpsSince))
            .OrderBy(s => s.ClaimedAt).Take(BatchSize).ToListAsync(ct);
        var sent = 0;
        foreach (var row in failed)
        {
            var start = DateTime.SpecifyKind(row.OccurrenceStartsAt, DateTimeKind.Utc);
            var mine = db.EventReminderSends.Where(s => s.EventId == row.EventId && s.OccurrenceStartsAt == row.OccurrenceStartsAt && s.AccountId == row.AccountId && s.Kind == row.Kind);
            // The guarded increment is this attempt's claim: another process that read the same row finds it taken.
            if (await mine.Where(s => s.SentAt == null && s.MailAttempts == row.MailAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.MailAttempts, row.MailAttempts + 1).SetProperty(x => x.MailTriedAt, now), ct) == 0)
            {
                continue;
            }
            var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == row.EventId, ct);
            var member = await MemberAsync(row.AccountId, ct);
            if (ev is null || member is null || !await WantedAsync(ev, start, row.AccountId, member.Status, ct))
            {
                // No longer for them (cancelled, moved, left the group): given up without a word.
                await mine.ExecuteUpdateAsync(s => s.SetProperty(x => x.MailAttempts, MaxMailAttempts), ct);
                continue;
            }
            var going = row.Kind == EventReminderKind.OrganizerFollowUp
                ? await db.EventRsvps.CountAsync(r => r.EventId == row.EventId && r.OccurrenceStartsAt == row.OccurrenceStartsAt && r.Response == RsvpResponse.Going, ct)
                : 0;
            if (await MailAsync(ev, start, row.AccountId, row.Kind, member, context, going, ct))
            {
                await mine.ExecuteUpdateAsync(s => s.SetProperty(x => x.SentAt, time.UtcNow()), CancellationToken.None);
                sent++;
            }
        }
        return sent;
    }

    private async Task<int> RemindersAsync(DateTime now, MailContext context, CancellationToken ct)
    {
        var day = Settings.DayBefore > TimeSpan.Zero ? Settings.DayBefore : TimeSpan.Zero;
        var hour = Settings.HourBefore > TimeSpan.Zero ? Settings.HourBefore : TimeSpan.Zero;
        if (day <= hour)
        {
            // One reminder (or none): the longer offset is the only one, under the "hour" kind's rules below.
            (day, hour) = (TimeSpan.Zero, day == TimeSpan.Zero ? hour : day);
        }
        if (hour == TimeSpan.Zero && day == TimeSpan.Zero)
        {
            return 0;
        }
        // An occurrence within `hour` of its start gets the last reminder only; one within `day` (but not `hour`) the
        // first. So someone who says "going" twenty minutes before gets one mail, not two at once.
        var horizon = now + (day > hour ? day : hour);
        var hourFrom = now + hour;
        var sent = 0;
        for (var round = 0; round < MaxBatchesPerRun; round++)
        {
            var due = await db.EventRsvps.AsNoTracking()
                .Where(r => r.Response == RsvpResponse.Going && r.OccurrenceStartsAt > now && r.OccurrenceStartsAt <= horizon)
                .Where(r => db.Events.Any(e => e.Id == r.EventId && e.CancelledAt == null))
                .Where(r => !db.EventReminderSends.Any(s => s.EventId == r.EventId && s.OccurrenceStartsAt == r.OccurrenceStartsAt && s.AccountId == r.AccountId
                    && (s.Kind == EventReminderKind.Hour || (s.Kind == EventReminderKind.Day && r.OccurrenceStartsAt > hourFrom))))
                .OrderBy(r => r.OccurrenceStartsAt).ThenBy(r => r.Id).Take(BatchSize)
                .Select(r => new { r.EventId, r.OccurrenceStartsAt, r.AccountId }).ToListAsync(ct);
            foreach (var rsvp in due)
            {
                var start = DateTime.SpecifyKind(rsvp.OccurrenceStartsAt, DateTimeKind.Utc);
                var soon = start <= hourFrom;
                if (await SendAsync(rsvp.EventId, start, rsvp.AccountId, soon ? EventReminderKind.Hour : EventReminderKind.Day, now, context, ct))
                {
                    sent++;
                }
            }
            if (due.Count < BatchSize)
            {
                break;
            }
        }
        return sent;
    }

    private async Task<int> FollowUpsAsync(DateTime now, MailContext context, CancellationToken ct)
    {
        var startedBy = now - Settings.FollowUpAfter;
        var oldest = startedBy - Settings.FollowUpWindow - EventRules.MaxDuration;
        var sent = 0;
        var occurrences = await db.EventOccurrences.AsNoTracking()
            .Where(o => o.FollowUpSentAt == null && o.StartsAt <= startedBy && o.StartsAt >= oldest)
            .OrderBy(o => o.StartsAt).Take(BatchSize)
            .Select(o => new { o.EventId, o.StartsAt }).ToListAsync(ct);
        foreach (var occurrence in occurrences)
        {
            var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == occurrence.EventId, ct);
            if (ev is null)
            {
                continue;
            }
            var start = DateTime.SpecifyKind(occurrence.StartsAt, DateTimeKind.Utc);
            var due = start + (ev.EndsAt - ev.StartsAt) + Settings.FollowUpAfter;
            if (due > now)
            {
                continue;
            }
            // Too late (a long outage), cancelled, or taken out of its series: marked done without a word.
            if (due + Settings.FollowUpWindow >= now && ev.CancelledAt is null && InSeries(ev, start))
            {
                var going = await db.EventRsvps.AsNoTracking()
                    .Where(r => r.EventId == ev.Id && r.OccurrenceStartsAt == occurrence.StartsAt && r.Response == RsvpResponse.Going)
                    .OrderBy(r => r.Id).Select(r => r.AccountId).ToListAsync(ct);
                foreach (var accountId in going.Where(a => a != ev.OrganizerId))
                {
                    if (await SendAsync(ev.Id, start, accountId, EventReminderKind.FollowUp, now, context, ct))
                    {
                        sent++;
                    }
                }
                if (going.Count > 0 && await SendAsync(ev.Id, start, ev.OrganizerId, EventReminderKind.OrganizerFollowUp, now, context, ct, going.Count))
                {
                    sent++;
                }
            }
            await db.EventOccurrences.Where(o => o.EventId == occurrence.EventId && o.StartsAt == occurrence.StartsAt && o.FollowUpSentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.FollowUpSentAt, now), ct);
        }
        return sent;
    }

    /// <summary>Claims, notifies and mails one reminder or follow-up; false when it was claimed already (by this or another
    /// process) or when the person should not get it any more (then the claim records that it was skipped).</summary>
    private async Task<bool> SendAsync(long eventId, DateTime start, long accountId, string kind, DateTime now, MailContext context, CancellationToken ct, int going = 0)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        var member = await MemberAsync(accountId, ct);
        if (ev is null || member is null)
        {
            return false;
        }
        var wanted = await WantedAsync(ev, start, accountId, member.Status, ct);
        var mails = wanted && member.Email is not null && member.EmailConfirmed;

        var claim = new EventReminderSend { EventId = eventId, OccurrenceStartsAt = start, AccountId = accountId, Kind = kind, ClaimedAt = now, MailAttempts = mails ? 1 : 0, MailTriedAt = mails ? now : null };
        db.EventReminderSends.Add(claim);
        if (wanted)
        {
            notify.AddRegardless(now, kind is EventReminderKind.Day or EventReminderKind.Hour ? NotificationTypes.EventReminder : NotificationTypes.EventFollowUp,
                accountId, ev.OrganizerId, new NotificationAbout(StatusId: ev.StatusId, EventId: eventId));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The primary key said no: another run claimed it first.
            db.ChangeTracker.Clear();
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        if (!wanted)
        {
            return false;
        }
        if (mails && !await MailAsync(ev, start, accountId, kind, member, context, going, ct))
        {
            // Refused: the row stays unsent and a later run tries again (RetriesAsync).
            return true;
        }
        await db.EventReminderSends
            .Where(s => s.EventId == eventId && s.OccurrenceStartsAt == start && s.AccountId == accountId && s.Kind == kind)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SentAt, time.UtcNow()), CancellationToken.None);
        return true;
    }

    private Task<Recipient?> MemberAsync(long accountId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == accountId)
            .Select(u => new Recipient(u.Email, u.EmailConfirmed, u.Locale, u.Status, u.Account.Username, u.Account.DisplayName, u.TimeZone)).FirstOrDefaultAsync(ct);

    /// <summary>Still allowed to see the event (not removed from its group, no block since), and the occurrence still happens.</summary>
    private async Task<bool> WantedAsync(Event ev, DateTime start, long accountId, UserStatus status, CancellationToken ct) =>
        status == UserStatus.Active && ev.CancelledAt is null && InSeries(ev, start)
        && await db.Events.Where(e => e.Id == ev.Id).VisibleTo(db, Viewer.Member(accountId)).AnyAsync(ct);

    /// <summary>Renders and sends one mail; false (logged) when the SMTP server refused it.</summary>
    private async Task<bool> MailAsync(Event ev, DateTime start, long accountId, string kind, Recipient member, MailContext context, int going, CancellationToken ct)
    {
        if (member.Email is not { } email || !member.EmailConfirmed)
        {
            return true;
        }
        var text = EventReminderText.For(member.Locale);
        // The recipient's clock and the organization's region (ADR 84), as their pages show the event.
        var times = new TimeFormat(TimeZones.ForViewer(member.TimeZone, context.OrganizationZone, null), TimeCultures.For(text.Language, context.OrganizationZone));
        var name = string.IsNullOrWhiteSpace(member.DisplayName) ? member.Username : member.DisplayName;
        var mail = kind switch
        {
            EventReminderKind.FollowUp => EventReminderEmail.FollowUp(ev, text, name, context.Organization, context.BaseUrl),
            EventReminderKind.OrganizerFollowUp => EventReminderEmail.OrganizerFollowUp(ev, going, text, name, context.Organization, context.BaseUrl),
            _ => EventReminderEmail.Reminder(ev, start, kind == EventReminderKind.Hour, text, times, name, context.Organization, context.BaseUrl),
        };
        try
        {
            // RFC 3834: automatic mail, so auto-responders stay quiet.
            await sender.SendAsync(email, mail.Subject, mail.Text, mail.Html, [new("Auto-Submitted", "auto-generated")], ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, kind, ev.Id, accountId);
            return false;
        }
    }

    private sealed record Recipient(string? Email, bool EmailConfirmed, string Locale, UserStatus Status, string Username, string? DisplayName, string? TimeZone);

    /// <summary>Whether <paramref name="start"/> is still an occurrence of the event (not moved, not taken out of the series).</summary>
    private static bool InSeries(Event ev, DateTime start) => EventOccurrences.IsOccurrence(ev, start);

    private async Task<MailContext> ContextAsync(CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Select(o => new { o.Name, o.TimeZone }).FirstOrDefaultAsync(ct);
        var baseUrl = string.IsNullOrWhiteSpace(kindred.Value.PublicUrl) ? "http://localhost:5000" : kindred.Value.PublicUrl.TrimEnd('/');
        return new MailContext(organization?.Name ?? "Kindred", baseUrl, organization?.TimeZone);
    }

    /// <param name="OrganizationZone">Decides the region of the dates (en-CA or en-GB, ADR 84) and is the zone of a
    /// recipient who set none.</param>
    private sealed record MailContext(string Organization, string BaseUrl, string? OrganizationZone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the {Kind} mail of event {EventId} to member {AccountId} failed; the notification stands and a later run tries the mail again")]
    private partial void LogFailed(Exception exception, string kind, long eventId, long accountId);
}
