using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Notifications;

/// <summary>
/// Instant e-mail for what matters (ADR 82): mentions and private messages while the member is away, answers to their
/// requests and offers of help, and changes to events they are going to. Built on the notifications, which already
/// carry the one rule of who may see what (<see cref="NotificationQueries.UnreadBetweenAsync"/>: the post, item or
/// event still visible to the member, nobody blocked either way, nothing already read), read again when the mail is
/// built, never when the notification was made. A member's first unsent notification waits
/// <see cref="InstantEmailOptions.CollectSeconds"/> for others, then one mail takes all of them; the member's mark
/// moves forward and the mail job is queued in one SaveChanges, so a round that runs again sends nothing twice.
/// </summary>
public sealed class InstantEmailService(KindredDbContext db, NotificationQueries notifications, MailJob mail, InstantEmailTokens tokens,
    IOptions<InstantEmailOptions> options, IOptions<KindredOptions> kindred)
{
    private const int MaxPerMail = 50;

    private static readonly string[] Types = [NotificationTypes.Mention, NotificationTypes.AidResponse, NotificationTypes.EventUpdate];

    public static string MailKey(long userId, DateTime until) => $"instant-email:{userId}:{until.Ticks}";

    /// <summary>The kinds the member gets (the complement of what they turned off).</summary>
    public async Task<InstantEmailKinds> ChoicesAsync(long userId, CancellationToken ct = default) =>
        InstantEmailKinds.All & ~await db.Users.Where(u => u.Id == userId).Select(u => u.InstantEmailsOff).FirstOrDefaultAsync(ct);

    /// <summary>Keeps <paramref name="on"/> and turns the other kinds off.</summary>
    public async Task SetAsync(long userId, InstantEmailKinds on, CancellationToken ct = default)
    {
        var off = InstantEmailKinds.All & ~on;
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.InstantEmailsOff, off), ct);
    }

    /// <summary>The one-click unsubscribe: every kind off.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken ct = default) =>
        tokens.Read(token) is { } userId
        && await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.InstantEmailsOff, InstantEmailKinds.All), ct) == 1;

    /// <summary>Whether a token is valid and names a member, changing nothing (the confirm page's check).</summary>
    public async Task<bool> IsValidTokenAsync(string? token, CancellationToken ct = default) =>
        tokens.Read(token) is { } userId && await db.Users.AnyAsync(u => u.Id == userId, ct);

    /// <summary>One round at <paramref name="now"/>: the members whose oldest unsent notification has waited long enough,
    /// a batch at a time. Answers how many mails were queued.</summary>
    public async Task<int> RunAsync(DateTime now, CancellationToken ct = default)
    {
        var o = options.Value;
        var ready = now.AddSeconds(-Math.Max(0, o.CollectSeconds));
        var awaySince = now.AddMinutes(-Math.Max(0, o.AwayMinutes));
        // A member never looked at before (new, or before this feature) starts an hour back, not at the beginning of time.
        var floor = now.AddHours(-1);
        var types = Types;
        var due = await db.Users.Active()
            .Where(u => u.EmailConfirmed && u.Email != null && u.InstantEmailsOff != InstantEmailKinds.All)
            .Where(u => db.Notifications.Any(n => n.AccountId == u.Id && types.Contains(n.Type)
                && n.CreatedAt >= (u.InstantEmailSentThrough ?? floor) && n.CreatedAt < ready))
            .OrderBy(u => u.Id).Take(Math.Max(1, o.BatchSize)).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var ids = due.Select(u => u.Id).ToList();
        var seen = await db.UserSessions.Where(s => ids.Contains(s.UserId)).GroupBy(s => s.UserId)
            .Select(g => new { UserId = g.Key, Last = g.Max(s => s.LastSeenAt) }).ToDictionaryAsync(x => x.UserId, x => x.Last, ct);
        var organization = await db.Organizations.Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "Kindred";
        var baseUrl = string.IsNullOrWhiteSpace(kindred.Value.PublicUrl) ? "http://localhost:5000" : kindred.Value.PublicUrl.TrimEnd('/');
        var queued = 0;
        foreach (var user in due)
        {
            var since = user.InstantEmailSentThrough ?? floor;
            var lastSeen = Max(seen.TryGetValue(user.Id, out var s) ? s : null, user.LastSignInAt);
            var away = lastSeen is null || lastSeen < awaySince;
            var lines = await LinesAsync(user, since, now, away, baseUrl, ct);
            user.InstantEmailSentThrough = now;
            if (lines.Count == 0)
            {
                continue;
            }
            var unsubscribe = $"{baseUrl}/notifications/email/unsubscribe?token={Uri.EscapeDataString(tokens.For(user.Id))}";
            var (subject, text, html) = InstantEmail.Render(lines, InstantEmail.IsFrench(user.Locale), organization, baseUrl + "/settings/account#instant-email", unsubscribe);
            mail.Add(user.Email!, subject, text, html, new Dictionary<string, string>
            {
                // RFC 2369 and RFC 8058, as on digests and announcements.
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                ["Auto-Submitted"] = "auto-generated",
            }, MailKey(user.Id, now));
            queued++;
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

    private async Task<List<InstantEmailLine>> LinesAsync(User user, DateTime since, DateTime until, bool away, string baseUrl, CancellationToken ct)
    {
        var wanted = InstantEmailKinds.All & ~user.InstantEmailsOff;
        var found = await notifications.UnreadBetweenAsync(user.Id, Types, since, until, MaxPerMail, ct);
        // Someone muted since is left out too, as the digest does.
        var muted = (await db.Mutes.Live(until).Where(m => m.AccountId == user.Id).Select(m => m.TargetAccountId).ToListAsync(ct)).ToHashSet();
        found = found.Where(n => !muted.Contains(n.FromAccountId)).OrderBy(n => n.Id).ToList();
        var french = InstantEmail.IsFrench(user.Locale);
        var lines = new List<InstantEmailLine>();

        var mentionIds = found.Where(n => n.Type == NotificationTypes.Mention && n.StatusId != null).Select(n => n.StatusId!.Value).Distinct().ToList();
        if (away && mentionIds.Count > 0 && (wanted & (InstantEmailKinds.Mentions | InstantEmailKinds.DirectMessages)) != 0)
        {
            var followed = db.Follows.Where(f => f.AccountId == user.Id).Select(f => f.TargetAccountId);
            var statuses = await db.Statuses.Where(s => mentionIds.Contains(s.Id))
                .Select(s => new { s.Id, s.Visibility, s.Account.Username, Followed = followed.Contains(s.AccountId) })
                .ToListAsync(ct);
            // A direct message, or a followers-only post of someone the member does not follow, is counted and never
            // named or quoted (ADR 47): the mail may be read by others.
            var hidden = statuses.Where(s => s.Visibility == Audience.Direct || (s.Visibility == Audience.Private && !s.Followed)).ToList();
            var named = statuses.Except(hidden).OrderBy(s => s.Id).ToList();
            if ((wanted & InstantEmailKinds.Mentions) != 0)
            {
                lines.AddRange(named.Select(s => new InstantEmailLine(InstantEmail.Mentioned(french, s.Username), $"{baseUrl}/@{s.Username}/{s.Id}")));
            }
            if ((wanted & InstantEmailKinds.DirectMessages) != 0 && hidden.Count > 0)
            {
                lines.Add(new InstantEmailLine(InstantEmail.PrivateMessages(french, hidden.Count), baseUrl + "/notifications"));
            }
        }
        if ((wanted & InstantEmailKinds.AidResponses) != 0)
        {
            // Answers to the same item make one line.
            lines.AddRange(found.Where(n => n.Type == NotificationTypes.AidResponse && n.AidItemId != null).Select(n => n.AidItemId!.Value).Distinct()
                .Select(id => new InstantEmailLine(InstantEmail.AidAnswered(french), $"{baseUrl}/aid/{id}")));
        }
        var eventIds = found.Where(n => n.Type == NotificationTypes.EventUpdate && n.EventId != null).Select(n => n.EventId!.Value).Distinct().ToList();
        if ((wanted & InstantEmailKinds.EventChanges) != 0 && eventIds.Count > 0)
        {
            var events = await db.Events.Where(e => eventIds.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToListAsync(ct);
            lines.AddRange(events.OrderBy(e => e.Id).Select(e => new InstantEmailLine(InstantEmail.EventChanged(french, e.Title), $"{baseUrl}/events/{e.Id}")));
        }
        return lines;
    }

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
