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

    private readonly ConcurrentDictionary<long, Hang> hangs = new();

    /// <summary>The first run of the "test.hang" job <paramref name="id"/>: it holds until released and ignores its
    /// cancellation, like a handler stuck in a call that never returns.</summary>
    public Hang HangOf(long id) => hangs.GetOrAdd(id, _ => new Hang());

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
            var hang = log.HangOf(job.Id);
            if (hang.FirstRun())
            {
                using var _ = ct.Register(() => hang.Cancelled.TrySetResult());
                hang.Started.SetResult();
                await hang.Release.Task;
            }
            log.Effects.TryAdd(job.Id, 1);
            return 1;
        }
    }

    /// <summary>One hanging job's first run: when it started, whether its token was cancelled, and its release.</summary>
    public sealed class Hang
    {
        private int runs;

        public bool FirstRun() => Interlocked.Increment(ref runs) == 1;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
