using Kindred.Core.Common;
using Kindred.Core.Common.Email;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Digests;

/// <summary>
/// Sends digest e-mails and keeps each member's digest settings (ADR 25). A digest is claimed with a conditional UPDATE
/// of the member's schedule before anything is sent, so two server processes, or a process restarted in the middle of a
/// run, never send the same digest twice. A mail the SMTP server refused or could not take hands its period back to be
/// retried; a process that stops between claim and send loses that one digest (its content is not repeated) rather
/// than risk a duplicate.
/// </summary>
public sealed partial class DigestService(
    KindredDbContext db,
    DigestQueries queries,
    DigestTokens tokens,
    EmailSender sender,
    IOptions<KindredOptions> options,
    OrganizationSettings organization,
    TimeProvider time,
    ILogger<DigestService> logger)
{
    /// <summary>A run stops after this many batches even if members are still due; the next run goes on.</summary>
    private const int MaxBatchesPerRun = 200;

    private KindredOptions.DigestOptions Settings => options.Value.Digests;

    /// <summary>Schedules members who have no due time yet, then sends every due digest in batches. Returns how many
    /// digests were sent.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        // Whole milliseconds: PostgreSQL keeps microseconds, and the claim compares stored times for equality.
        var exact = time.UtcNow();
        var now = exact.AddTicks(-(exact.Ticks % TimeSpan.TicksPerMillisecond));
        await ScheduleNewAsync(now, ct);
        var batch = Math.Max(1, Settings.BatchSize);
        var sent = 0;
        for (var round = 0; round < MaxBatchesPerRun; round++)
        {
            // Every member handled below gets a due time after `now` (claimed, failed or lost to another process), so
            // the loop ends.
            var due = await Receivers().Where(u => u.DigestDueAt <= now)
                .OrderBy(u => u.DigestDueAt).ThenBy(u => u.Id).Take(batch)
                .Select(u => new { u.Id, Due = u.DigestDueAt!.Value }).ToListAsync(ct);
            foreach (var member in due)
            {
                if (await SendOneAsync(member.Id, member.Due, now, ct))
                {
                    sent++;
                }
            }
            if (due.Count < batch)
            {
                break;
            }
        }
        return sent;
    }

    /// <summary>Saves a member's choice of frequency and time zone and moves their next digest accordingly.</summary>
    /// <exception cref="KindredException">Invalid (field "timeZone") for a time zone this server does not know.</exception>
    public async Task SetPreferencesAsync(long userId, DigestFrequency frequency, string? timeZone, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(frequency))
        {
            throw KindredException.Invalid("frequency", "Choose daily, weekly or never.");
        }
        var zone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();
        if (zone is not null && (zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
        {
            throw KindredException.Invalid("timeZone", "Choose a time zone from the list.");
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw KindredException.NotFound();
        if (user.DigestFrequency == frequency && user.TimeZone == zone)
        {
            return;
        }
        user.DigestFrequency = frequency;
        user.TimeZone = zone;
        user.DigestDueAt = frequency == DigestFrequency.Off ? null : DigestSchedule.FirstDue(time.UtcNow(), DigestSchedule.Zone(zone, (await organization.GetAsync(ct)).TimeZone), Settings.LocalHour);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The member's own time zone (ADR 84), set from the preferences page: every page, mail and download
    /// writes their times in it, and their digest's morning follows it.</summary>
    public async Task SetTimeZoneAsync(long userId, string? timeZone, CancellationToken ct = default)
    {
        var frequency = await db.Users.Where(u => u.Id == userId).Select(u => (DigestFrequency?)u.DigestFrequency).FirstOrDefaultAsync(ct)
            ?? throw KindredException.NotFound();
        await SetPreferencesAsync(userId, frequency, timeZone, ct);
    }

    /// <summary>Turns digests off for the member named by an unsubscribe token. False (and nothing changed) when the token
    /// is not valid or names nobody.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        if (tokens.Read(token) is not { } userId)
        {
            return false;
        }
        var changed = await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DigestFrequency, DigestFrequency.Off).SetProperty(u => u.DigestDueAt, (DateTime?)null), ct);
        return changed == 1;
    }

    /// <summary>Whether a token is valid and names a member, without changing anything (the confirm page's check).</summary>
    public async Task<bool> IsValidTokenAsync(string? token, CancellationToken ct = default) =>
        tokens.Read(token) is { } userId && await db.Users.AnyAsync(u => u.Id == userId, ct);

    /// <summary>Members who get digests at all: active, with a confirmed address, not turned off.</summary>
    private IQueryable<User> Receivers() => db.Users.Active().Where(u => u.EmailConfirmed && u.Email != null
        && u.DigestFrequency != DigestFrequency.Off && u.DigestDueAt != null);

    private async Task ScheduleNewAsync(DateTime now, CancellationToken ct)
    {
        // Members without a time zone share the organization's (ADR 55), so one due time: one statement, however many there are.
        var defaultZone = (await organization.GetAsync(ct)).TimeZone;
        var utcDue = DigestSchedule.FirstDue(now, defaultZone, Settings.LocalHour);
        await db.Users.Where(u => u.DigestDueAt == null && u.DigestFrequency != DigestFrequency.Off && u.TimeZone == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DigestDueAt, utcDue), ct);
        for (var round = 0; round < MaxBatchesPerRun; round++)
        {
            var zoned = await db.Users.Where(u => u.DigestDueAt == null && u.DigestFrequency != DigestFrequency.Off && u.TimeZone != null)
                .OrderBy(u => u.Id).Take(Math.Max(1, Settings.BatchSize)).Select(u => new { u.Id, u.TimeZone }).ToListAsync(ct);
            foreach (var member in zoned)
            {
                var due = DigestSchedule.FirstDue(now, DigestSchedule.Zone(member.TimeZone, defaultZone), Settings.LocalHour);
                await db.Users.Where(u => u.Id == member.Id && u.DigestDueAt == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.DigestDueAt, due), ct);
            }
            if (zoned.Count < Settings.BatchSize)
            {
                break;
            }
        }
    }

    private async Task<bool> SendOneAsync(long userId, DateTime due, DateTime now, CancellationToken ct)
    {
        var member = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.Locale, u.DigestFrequency, u.TimeZone, u.DigestSentThrough, u.Account.Username, u.Account.DisplayName })
            .FirstOrDefaultAsync(ct);
        if (member?.Email is null)
        {
            return false;
        }
        var period = DigestSchedule.Period(member.DigestFrequency);
        // A first digest covers the period its due time closes; later ones start where the last claim ended. Never further
        // back than two periods: after a long outage the digest is about recent things, not a backlog.
        var start = member.DigestSentThrough ?? due - period;
        if (start < now - (2 * period))
        {
            start = now - (2 * period);
        }
        var organizationZone = (await organization.GetAsync(ct)).TimeZoneId;
        var next = DigestSchedule.NextDue(due, member.DigestFrequency, now, DigestSchedule.Zone(member.TimeZone, (await organization.GetAsync(ct)).TimeZone), Settings.LocalHour);

        // The claim: only the process that moves this exact due time on sends this digest.
        var claimed = await db.Users
            .Where(u => u.Id == userId && u.DigestDueAt == due && u.DigestFrequency == member.DigestFrequency)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DigestDueAt, next).SetProperty(u => u.DigestSentThrough, now), ct);
        if (claimed == 0)
        {
            return false;
        }

        DigestSend? record = null;
        try
        {
            var content = await queries.SelectAsync(userId, start, now, ct);
            if (content.IsEmpty)
            {
                // Nothing to say: the schedule has moved on and no mail goes out.
                return false;
            }
            var organization = await db.Organizations.Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "Kindred";
            var baseUrl = BaseUrl();
            var unsubscribe = $"{baseUrl}/digest/unsubscribe?token={Uri.EscapeDataString(tokens.For(userId))}";
            var text = DigestText.For(member.Locale);
            // Event starts arrive on the member's clock already (DigestQueries); the region decides how they read (ADR 84).
            var times = new TimeFormat(TimeZones.ForViewer(member.TimeZone, organizationZone, null), TimeCultures.For(text.Language, organizationZone));
            var message = DigestEmail.Render(content, text, string.IsNullOrWhiteSpace(member.DisplayName) ? member.Username : member.DisplayName,
                organization, member.DigestFrequency == DigestFrequency.Daily, baseUrl, unsubscribe, times);

            record = new DigestSend { Id = Snowflake.NewId(now), UserId = userId, PeriodStart = start, PeriodEnd = now, Items = content.Items };
            db.DigestSends.Add(record);
            await db.SaveChangesAsync(ct);

            await sender.SendAsync(member.Email, message.Subject, message.Text, message.Html,
            [
                // RFC 2369 and RFC 8058: mail apps offer an unsubscribe button that POSTs "List-Unsubscribe=One-Click" here.
                new("List-Unsubscribe", $"<{unsubscribe}>"),
                new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                // RFC 3834: automatic mail, so auto-responders stay quiet.
                new("Auto-Submitted", "auto-generated"),
            ], ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await HandBackAsync(userId, next, now, member.DigestSentThrough, record, e);
            return false;
        }

        record.Outcome = DigestOutcome.Sent;
        record.FinishedAt = time.UtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        LogSent(userId, record.Items);
        return true;
    }

    /// <summary>The mail was not accepted: give the period back so a later run tries again, unless the member changed
    /// their settings in the meantime (the conditions keep their change).</summary>
    private async Task HandBackAsync(long userId, DateTime next, DateTime now, DateTime? previousThrough, DigestSend? record, Exception error)
    {
        LogFailed(error, userId);
        var retry = now + TimeSpan.FromSeconds(Math.Max(1, Settings.RetrySeconds));
        await db.Users.Where(u => u.Id == userId && u.DigestDueAt == next)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DigestDueAt, retry), CancellationToken.None);
        await db.Users.Where(u => u.Id == userId && u.DigestSentThrough == now)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DigestSentThrough, previousThrough), CancellationToken.None);
        if (record is not null && db.Entry(record).State == EntityState.Unchanged)
        {
            record.Outcome = DigestOutcome.Failed;
            record.FinishedAt = time.UtcNow();
            record.Error = error.Message.Length > 500 ? error.Message[..500] : error.Message;
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private string BaseUrl() =>
        string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? "http://localhost:5000" : options.Value.PublicUrl.TrimEnd('/');

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a digest with {Items} items to member {UserId}")]
    private partial void LogSent(long userId, int items);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the digest of member {UserId} failed; it will be tried again")]
    private partial void LogFailed(Exception exception, long userId);
}
