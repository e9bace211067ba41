using System.Collections.Concurrent;
using Kindred.Core.Jobs;
using Kindred.Data.Entities;

namespace Kindred.IntegrationTests.Jobs;

/// <summary>What the test handlers did: every run (job and the runner that held the claim) and the work done once per
/// job, the way an idempotent handler records it.</summary>
public sealed class TestJobs
{
    public ConcurrentQueue<(long JobId, string? Runner)> Runs { get; } = new();
    public ConcurrentDictionary<long, int> Effects { get; } = new();

    /// <summary>Holds the first run of a "test.hang" job until released, like a process that stops mid-job.</summary>
    public TaskCompletionSource FirstHangRelease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource FirstHangStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int hangs;

    public int RunsOf(long id) => Runs.Count(r => r.JobId == id);

    private void Record(Job job)
    {
        Runs.Enqueue((job.Id, job.ClaimedBy));
        // Idempotent work: a second run of the same job changes nothing.
        Effects.TryAdd(job.Id, 1);
    }

    public sealed class Counting(TestJobs log) : IJobHandler
    {
        public const string Name = "test.count";

        public string Kind => Name;

        public async Task<int> RunAsync(Job job, CancellationToken ct)
        {
            // Long enough for the other runner to be claiming at the same time.
            await Task.Delay(2, ct);
            log.Record(job);
            return 1;
        }
    }

    public sealed class Failing(TestJobs log) : IJobHandler
    {
        public const string Name = "test.fail";

        public string Kind => Name;

        public Task<int> RunAsync(Job job, CancellationToken ct)
        {
            log.Runs.Enqueue((job.Id, job.ClaimedBy));
            throw new InvalidOperationException("The test job fails every time.");
        }
    }

    public sealed class Hanging(TestJobs log) : IJobHandler
    {
        public const string Name = "test.hang";

        public string Kind => Name;

        public async Task<int> RunAsync(Job job, CancellationToken ct)
        {
            log.Runs.Enqueue((job.Id, job.ClaimedBy));
            if (Interlocked.Increment(ref log.hangs) == 1)
            {
                log.FirstHangStarted.SetResult();
                await log.FirstHangRelease.Task;
            }
            log.Effects.TryAdd(job.Id, 1);
            return 1;
        }
    }

    public sealed class Recurring(TestJobs log) : IJobHandler
    {
        public const string Name = "test.every";

        public string Kind => Name;

        public TimeSpan? Every => TimeSpan.FromMinutes(10);

        public Task<int> RunAsync(Job job, CancellationToken ct)
        {
            log.Runs.Enqueue((job.Id, job.ClaimedBy));
            return Task.FromResult(1);
        }
    }
}
