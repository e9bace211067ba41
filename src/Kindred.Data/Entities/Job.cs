namespace Kindred.Data.Entities;

/// <summary>
/// One piece of background work (ADR 49): added to the DbContext by the service whose change asks for it, so it is
/// written by the same SaveChanges (an outbox), then claimed and run by whichever server process finds it due.
/// </summary>
public class Job
{
    public long Id { get; set; }

    /// <summary>Which handler runs it ("mail", "digests.scan").</summary>
    public required string Kind { get; set; }

    /// <summary>The handler's input as JSON; emptied once the job is done (a reset link must not outlive its mail).</summary>
    public string Payload { get; set; } = "";

    public JobState State { get; set; }

    /// <summary>When it may run next: the first time, after a failure's backoff, or a recurring job's next round.</summary>
    public DateTime RunAt { get; set; }

    /// <summary>Runs started so far (a claim counts as a start); reset after each round of a recurring job.</summary>
    public int Attempts { get; set; }

    /// <summary>The process that holds the claim while <see cref="State"/> is running.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the claim lapses: a process that died mid-job gives it back then and another runs it again.</summary>
    public DateTime? ClaimExpiresAt { get; set; }

    /// <summary>Why the last run failed (the exception's message, cut short), for the admins' page.</summary>
    public string? LastError { get; set; }

    /// <summary>Unique per kind when set: a second enqueue with the same key adds nothing.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
