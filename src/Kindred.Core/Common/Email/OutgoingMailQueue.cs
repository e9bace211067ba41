using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kindred.Core.Common.Email;

/// <summary>
/// A small durable queue of outgoing mail (ADR 47): <see cref="Add"/> puts a mail in the caller's unit of work, so it is
/// written by the same SaveChanges as the change that asks for it, and <see cref="RunAsync"/> (the outgoing-mail job)
/// sends what is due through <see cref="EmailSender"/>, with retries that wait longer each time and a failed state.
/// A request never waits for the SMTP server, so its answer time says nothing about whether it sent anything.
/// Kept small on purpose: issue 22's general job runner is meant to take it over.
/// </summary>
public sealed partial class OutgoingMailQueue(KindredDbContext db, EmailSender sender, TimeProvider time, ILogger<OutgoingMailQueue> logger)
{
    /// <summary>Attempts before a mail is marked failed; the waits between them grow 1, 4, 16, 64, 256 minutes (about 5.7 hours in all).</summary>
    public const int MaxAttempts = 6;

    /// <summary>Mails claimed per pass.</summary>
    public const int BatchSize = 50;

    /// <summary>How long a claim holds: a process that dies while sending gives the mail back after this, and it is
    /// sent again (at least once, never lost).</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <summary>Queues a mail in the caller's unit of work; the caller's SaveChanges writes it.</summary>
    public OutgoingMail Add(string toAddress, string subject, string textBody, string htmlBody)
    {
        var now = time.UtcNow();
        var mail = new OutgoingMail
        {
            Id = Snowflake.NewId(now),
            ToAddress = toAddress,
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            State = OutgoingMailState.Pending,
            DueAt = Seconds(now),
            CreatedAt = now,
        };
        db.OutgoingMails.Add(mail);
        return mail;
    }

    /// <summary>
    /// Sends the mails that are due. Each is claimed first with one guarded UPDATE (its state and due time as read): on
    /// SQLite writers take turns, on PostgreSQL the second UPDATE re-reads the row after the first commits and matches
    /// nothing, so two processes never both send a mail.
    /// </summary>
    /// <returns>How many mails were accepted by the server.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var due = await db.OutgoingMails.AsNoTracking()
            .Where(m => (m.State == OutgoingMailState.Pending || m.State == OutgoingMailState.Sending) && m.DueAt <= now)
            .OrderBy(m => m.DueAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.State, m.DueAt })
            .Take(BatchSize)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var row in due)
        {
            var until = Seconds(time.UtcNow() + ClaimFor);
            var claimed = await db.OutgoingMails
                .Where(m => m.Id == row.Id && m.State == row.State && m.DueAt == row.DueAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutgoingMailState.Sending).SetProperty(m => m.DueAt, until)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (claimed == 0)
            {
                continue;
            }
            var mail = await db.OutgoingMails.AsNoTracking().FirstAsync(m => m.Id == row.Id, ct);
            var mine = db.OutgoingMails.Where(m => m.Id == row.Id && m.State == OutgoingMailState.Sending && m.DueAt == until);
            try
            {
                await sender.SendAsync(mail.ToAddress, mail.Subject, mail.TextBody, mail.HtmlBody, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var error = e.Message.Length > 500 ? e.Message[..500] : e.Message;
                if (mail.Attempts >= MaxAttempts)
                {
                    LogGaveUp(e, mail.Id, mail.Attempts);
                    await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutgoingMailState.Failed).SetProperty(m => m.Error, error)
                        .SetProperty(m => m.TextBody, "").SetProperty(m => m.HtmlBody, ""), CancellationToken.None);
                }
                else
                {
                    LogRetry(e, mail.Id, mail.Attempts);
                    var retry = Seconds(time.UtcNow() + Backoff(mail.Attempts));
                    await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutgoingMailState.Pending).SetProperty(m => m.DueAt, retry)
                        .SetProperty(m => m.Error, error), CancellationToken.None);
                }
                continue;
            }
            var at = time.UtcNow();
            // The link in a reset mail must not stay readable in the database once it is delivered.
            await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutgoingMailState.Sent).SetProperty(m => m.SentAt, at)
                .SetProperty(m => m.TextBody, "").SetProperty(m => m.HtmlBody, ""), CancellationToken.None);
            sent++;
        }
        return sent;
    }

    /// <summary>The wait after attempt <paramref name="attempts"/>: 1, 4, 16, 64, 256 minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Pow(4, Math.Clamp(attempts - 1, 0, 5)));

    // Whole seconds: the due time is compared for equality in the claim, and PostgreSQL keeps microseconds, not ticks.
    private static DateTime Seconds(DateTime value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending queued mail {MailId} failed (attempt {Attempts}); it will be tried again")]
    private partial void LogRetry(Exception exception, long mailId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up on queued mail {MailId} after {Attempts} attempts")]
    private partial void LogGaveUp(Exception exception, long mailId, int attempts);
}
