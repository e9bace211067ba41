namespace Kindred.Data.Entities;

/// <summary>Where one digest e-mail got to (ADR 25).</summary>
public enum DigestOutcome
{
    /// <summary>Claimed and being sent. A row left in this state means the process stopped mid-send: the digest may or
    /// may not have gone out, and it is deliberately not sent again.</summary>
    Sending = 0,

    /// <summary>The SMTP server (or the mail folder) accepted it.</summary>
    Sent = 1,

    /// <summary>Sending failed before the mail was accepted; the period is handed back and retried.</summary>
    Failed = 2,
}
