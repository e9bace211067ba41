using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Jobs;

/// <summary>
/// Enqueues jobs the outbox way (ADR 49): the job is added to the caller's DbContext, so the caller's SaveChanges writes
/// it with the change that asks for it, or not at all. Nothing is sent or run outside that transaction.
/// </summary>
public sealed class JobQueue(KindredDbContext db, TimeProvider time)
{
    /// <summary>Adds a job of <paramref name="kind"/> with <paramref name="payload"/> as JSON, due at
    /// <paramref name="runAt"/> (now when unset).</summary>
    public Job Add<T>(string kind, T payload, DateTime? runAt = null)
    {
        var now = time.UtcNow();
        var job = new Job
        {
            Id = Snowflake.NewId(now),
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload),
            State = JobState.Pending,
            RunAt = runAt ?? now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Jobs.Add(job);
        return job;
    }

    /// <summary>The same, unless a job of <paramref name="kind"/> with <paramref name="key"/> was already enqueued (in
    /// this unit of work or before): then nothing is added and the answer is null. The unique index on kind and key
    /// refuses the loser of two concurrent enqueues.</summary>
    public async Task<Job?> AddOnceAsync<T>(string kind, string key, T payload, DateTime? runAt = null, CancellationToken ct = default)
    {
        if (db.Jobs.Local.Any(j => j.Kind == kind && j.IdempotencyKey == key)
            || await db.Jobs.AnyAsync(j => j.Kind == kind && j.IdempotencyKey == key, ct))
        {
            return null;
        }
        var job = Add(kind, payload, runAt);
        job.IdempotencyKey = key;
        return job;
    }

    /// <summary>An admin's retry of a dead or failing job: due now, with its attempts counted afresh.</summary>
    /// <returns>False when the job is gone, done or running.</returns>
    public async Task<bool> RetryAsync(long id, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        return await db.Jobs.Where(j => j.Id == id && (j.State == JobState.Dead || j.State == JobState.Pending))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Pending).SetProperty(j => j.RunAt, now)
                .SetProperty(j => j.Attempts, 0).SetProperty(j => j.UpdatedAt, now), ct) == 1;
    }

    /// <summary>Reads a job's payload.</summary>
    public static T Read<T>(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return JsonSerializer.Deserialize<T>(job.Payload) ?? throw new InvalidOperationException($"Job {job.Id} has no payload.");
    }
}
