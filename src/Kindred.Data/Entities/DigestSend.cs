namespace Kindred.Data.Entities;

/// <summary>One digest e-mail that had something to say, recorded when it is claimed and updated once the mail is
/// accepted or refused (ADR 25). Periods with nothing to say leave no row, only the member's schedule moves on.</summary>
public class DigestSend
{
    public long Id { get; set; }
    public long UserId { get; set; }

    /// <summary>What the digest covers: from (inclusive) …</summary>
    public DateTime PeriodStart { get; set; }

    /// <summary>… to (exclusive); also the moment it was claimed.</summary>
    public DateTime PeriodEnd { get; set; }
    public DigestOutcome Outcome { get; set; }

    /// <summary>How many items the mail listed, over all sections.</summary>
    public int Items { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Why sending failed (the exception's message, cut short), for the operator.</summary>
    public string? Error { get; set; }
}
