namespace Kindred.Data.Entities;

public enum JobState
{
    /// <summary>Waiting for its run time.</summary>
    Pending = 0,

    /// <summary>Claimed by one process until the claim expires.</summary>
    Running = 1,
    Done = 2,

    /// <summary>Failed on every attempt; waits for an admin's retry (the dead letters of /admin/jobs).</summary>
    Dead = 3,
}
