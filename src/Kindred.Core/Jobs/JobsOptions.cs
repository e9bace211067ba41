namespace Kindred.Core.Jobs;

/// <summary>The "Kindred:Jobs" section: how this process runs background jobs (ADR 49). Every key is in the README.</summary>
public sealed class JobsOptions
{
    public const string Section = "Kindred:Jobs";

    /// <summary>Seconds between looks for due jobs; 0 turns the runner off in this process.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>Jobs claimed per look.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim holds: a process that dies mid-job gives the job back after this, and it runs again.
    /// While a job runs, its claim is renewed every third of this (ADR 103).</summary>
    public double ClaimSeconds { get; set; } = 300;

    /// <summary>How long one run may take: past it the claim is no longer renewed, the run is cancelled and, once the
    /// claim lapses, the job runs again (ADR 103). A hung handler is recovered this way.</summary>
    public double MaxRunMinutes { get; set; } = 30;

    /// <summary>Attempts before a job is dead (waits for an admin's retry on /admin/jobs).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; each further one waits four times longer (1, 4, 16, 64, 256 minutes).</summary>
    public double RetrySeconds { get; set; } = 60;

    /// <summary>How long finished jobs are kept before the cleanup job deletes them.</summary>
    public double KeepDoneDays { get; set; } = 7;

    /// <summary>How long dead jobs wait for a retry before the cleanup job deletes them.</summary>
    public double KeepDeadDays { get; set; } = 30;

    /// <summary>Kinds this process does not run, comma-separated ("mail"); another process may.</summary>
    public string Paused { get; set; } = "";
}
