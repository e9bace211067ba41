namespace Kindred.Data.Jobs;

/// <summary>
/// How a process claims due jobs: the one seam of the job runner chosen by database (ADR 49). A claimed job is running,
/// owned by <c>owner</c> until <c>until</c>, and its attempts are one higher; two processes never claim one job.
/// </summary>
public interface IJobClaims
{
    /// <summary>Claims up to <paramref name="max"/> jobs of <paramref name="kinds"/> that are due: pending with a run time
    /// up to <paramref name="now"/>, or running with a claim that lapsed (its process died). Answers their ids.</summary>
    Task<IReadOnlyList<long>> ClaimAsync(IReadOnlyCollection<string> kinds, string owner, DateTime now, DateTime until, int max, CancellationToken ct = default);
}
