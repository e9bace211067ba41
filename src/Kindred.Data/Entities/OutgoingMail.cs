namespace Kindred.Data.Entities;

/// <summary>
/// One e-mail waiting to go out, written in the same SaveChanges as the change that asks for it, and sent later by the
/// outgoing-mail job, so no request waits for (or is timed by) the SMTP server (ADR 47). The bodies are cleared once
/// the mail is sent or has failed for good: a reset link must not outlive its delivery in the database.
/// </summary>
public class OutgoingMail
{
    public long Id { get; set; }
    public required string ToAddress { get; set; }
    public required string Subject { get; set; }
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public OutgoingMailState State { get; set; }

    /// <summary>Sending attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>When the next attempt may start; for a claimed mail, when the claim lapses (a process that died while
    /// sending gives it back then).</summary>
    public DateTime DueAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Why the last attempt failed (the exception's message, cut short), for the operator.</summary>
    public string? Error { get; set; }
}
