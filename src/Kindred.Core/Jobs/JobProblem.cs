using Kindred.Data.Entities;

namespace Kindred.Core.Jobs;

/// <summary>A dead or failing job as the admins' page shows it: never its payload (a mail's reset link).</summary>
public sealed record JobProblem(long Id, string Kind, JobState State, int Attempts, string? LastError, DateTime RunAt, DateTime UpdatedAt);
