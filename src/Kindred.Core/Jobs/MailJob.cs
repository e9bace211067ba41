using Kindred.Core.Common.Email;
using Kindred.Data.Entities;

namespace Kindred.Core.Jobs;

/// <summary>
/// Outgoing mail as jobs (ADR 47, 49): <see cref="Add"/> enqueues a mail in the caller's unit of work, so it is written
/// by the same SaveChanges as the change that asks for it, and the job runner sends it through <see cref="EmailSender"/>
/// with the runner's retries, backoff and dead letter. A request never waits for the SMTP server, so its answer time
/// says nothing about whether it sent anything. The runner empties a sent mail's payload: a reset link must not stay
/// readable in the database once delivered.
/// </summary>
public sealed class MailJob(JobQueue jobs, EmailSender sender) : IJobHandler
{
    public const string Name = "mail";

    public string Kind => Name;

    /// <summary>Queues a mail in the caller's unit of work; the caller's SaveChanges writes it.</summary>
    public Job Add(string toAddress, string subject, string textBody, string htmlBody) =>
        jobs.Add(Name, new QueuedMail(toAddress, subject, textBody, htmlBody));

    /// <summary>The same with extra header fields (List-Unsubscribe), and the idempotency key that keeps a retried
    /// mailing from queueing the mail twice (ADR 61); the caller checks the key is new.</summary>
    public Job Add(string toAddress, string subject, string textBody, string htmlBody, Dictionary<string, string> headers, string key)
    {
        var job = jobs.Add(Name, new QueuedMail(toAddress, subject, textBody, htmlBody, headers));
        job.IdempotencyKey = key;
        return job;
    }

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var mail = JobQueue.Read<QueuedMail>(job);
        await sender.SendAsync(mail.To, mail.Subject, mail.Text, mail.Html, mail.Headers?.ToList() ?? [], ct);
        return 1;
    }
}
