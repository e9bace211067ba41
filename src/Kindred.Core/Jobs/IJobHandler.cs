using Kindred.Data.Entities;

namespace Kindred.Core.Jobs;

/// <summary>
/// Runs the jobs of one kind; registered as a scoped DI service, resolved in a scope of its own for each job. A job may
/// run more than once (a process that dies after the work but before the job is marked done), so a handler does its
/// work idempotently: a claim or a guarded update inside, or work that is harmless to repeat.
/// </summary>
public interface IJobHandler
{
    /// <summary>The <see cref="Job.Kind"/> it runs.</summary>
    string Kind { get; }

    /// <summary>Set for a recurring job: the runner keeps one row of this kind scheduled this long after each round.</summary>
    TimeSpan? Every => null;

    /// <summary>False when this process does not run the kind (its configuration turns it off).</summary>
    bool Enabled => true;

    /// <summary>Does the work; throws to fail this attempt. Answers how much it did, for the log.</summary>
    Task<int> RunAsync(Job job, CancellationToken ct);
}
