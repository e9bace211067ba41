using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.IntegrationTests.Jobs;

/// <summary>The job runner (ADR 49) on a clock the test moves, with two runner instances standing for two processes.</summary>
public abstract class JobRunnerTests(JobsApp app)
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    private JobRunner Runner() => ActivatorUtilities.CreateInstance<JobRunner>(app.Services, (TimeProvider)clock);

    private JobsOptions Settings => app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;

    private Task<List<long>> EnqueueAsync(string kind, int count) =>
        app.WithServicesAsync(async s =>
        {
            var queue = ActivatorUtilities.CreateInstance<JobQueue>(s, (TimeProvider)clock);
            var jobs = Enumerable.Range(0, count).Select(i => queue.Add(kind, new { Number = i })).ToList();
            await s.GetRequiredService<KindredDbContext>().SaveChangesAsync();
            return jobs.Select(j => j.Id).ToList();
        });

    private Task<Job> RowAsync(long id) => app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id));

    [Fact]
    public async Task TwoRunnersOnOneDatabaseNeverRunTheSameJob()
    {
        var ids = await EnqueueAsync(TestJobs.Counting.Name, 60);
        var (first, second) = (Runner(), Runner());
        for (var round = 0; round < 20 && ids.Any(id => app.Log.RunsOf(id) == 0); round++)
        {
            await Task.WhenAll(
                Task.Run(() => first.RunDueAsync([TestJobs.Counting.Name])),
                Task.Run(() => second.RunDueAsync([TestJobs.Counting.Name])));
        }
        foreach (var id in ids)
        {
            Assert.Equal(1, app.Log.RunsOf(id));
            var row = await RowAsync(id);
            Assert.Equal(JobState.Done, row.State);
            Assert.Equal(1, row.Attempts);
            Assert.Null(row.ClaimedBy);
            Assert.Equal("", row.Payload);
        }
        Assert.All(app.Log.Runs.Where(r => ids.Contains(r.JobId)), r => Assert.Contains(r.Runner, new[] { first.Name, second.Name }));
    }

    [Fact]
    public async Task AFailingJobIsRetriedWithGrowingWaitsThenDeadAndAnAdminRetryRunsItAgain()
    {
        var id = (await EnqueueAsync(TestJobs.Failing.Name, 1)).Single();
        var runner = Runner();
        for (var attempt = 1; attempt <= Settings.MaxAttempts; attempt++)
        {
            Assert.Equal(0, await runner.RunDueAsync([TestJobs.Failing.Name]));
            var row = await RowAsync(id);
            Assert.Equal(attempt, row.Attempts);
            Assert.Equal("The test job fails every time.", row.LastError);
            if (attempt == Settings.MaxAttempts)
            {
                Assert.Equal(JobState.Dead, row.State);
                break;
            }
            Assert.Equal(JobState.Pending, row.State);
            var wait = runner.Backoff(attempt);
            Assert.Equal(TimeSpan.FromMinutes(Math.Pow(4, attempt - 1)), wait);
            Assert.InRange(row.RunAt, clock.GetUtcNow().UtcDateTime + wait - TimeSpan.FromSeconds(1), clock.GetUtcNow().UtcDateTime + wait + TimeSpan.FromSeconds(1));
            // A moment before the wait is over, nothing runs.
            clock.Advance(wait - TimeSpan.FromSeconds(5));
            await runner.RunDueAsync([TestJobs.Failing.Name]);
            Assert.Equal(attempt, app.Log.RunsOf(id));
            clock.Advance(TimeSpan.FromSeconds(5));
        }
        // Dead: a day later it has still not run again.
        clock.Advance(TimeSpan.FromDays(1));
        await runner.RunDueAsync([TestJobs.Failing.Name]);
        Assert.Equal(Settings.MaxAttempts, app.Log.RunsOf(id));

        Assert.True(await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobQueue>(s, (TimeProvider)clock).RetryAsync(id)));
        var retried = await RowAsync(id);
        Assert.Equal(JobState.Pending, retried.State);
        Assert.Equal(0, retried.Attempts);
        await runner.RunDueAsync([TestJobs.Failing.Name]);
        Assert.Equal(Settings.MaxAttempts + 1, app.Log.RunsOf(id));
    }

    private TimeSpan Beat => TimeSpan.FromSeconds(Settings.ClaimSeconds / 3);

    /// <summary>Starts <paramref name="runner"/> on the hanging job <paramref name="id"/> and waits until it runs.</summary>
    private async Task<Task<int>> HangAsync(JobRunner runner, long id)
    {
        var running = Task.Run(() => runner.RunDueAsync([TestJobs.Hanging.Name]));
        await app.Log.HangOf(id).Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var claimed = await RowAsync(id);
        Assert.Equal(JobState.Running, claimed.State);
        Assert.Equal(runner.Name, claimed.ClaimedBy);
        return running;
    }

    /// <summary>Moves the clock one heartbeat on and waits (on the real clock) until the runner has renewed the claim to
    /// a full claim from now.</summary>
    private async Task BeatAsync(long id)
    {
        clock.Advance(Beat);
        var until = clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(Settings.ClaimSeconds) - TimeSpan.FromSeconds(1);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await RowAsync(id)).ClaimExpiresAt < until)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The claim was not renewed on the heartbeat.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task AHealthyJobThatRunsPastItsClaimIsNotTakenOverBecauseItsClaimIsRenewed()
    {
        var id = (await EnqueueAsync(TestJobs.Hanging.Name, 1)).Single();
        var (busy, other) = (Runner(), Runner());
        var running = await HangAsync(busy, id);

        // Three claims' time later, the job is still running on its first runner and nobody else has taken it.
        for (var beat = 0; beat < 9; beat++)
        {
            await BeatAsync(id);
            Assert.Equal(0, await other.RunDueAsync([TestJobs.Hanging.Name]));
        }
        Assert.Equal(1, app.Log.RunsOf(id));
        Assert.False(app.Log.HangOf(id).Cancelled.Task.IsCompleted);

        app.Log.HangOf(id).Release.SetResult();
        Assert.Equal(1, await running.WaitAsync(TimeSpan.FromSeconds(30)));
        var row = await RowAsync(id);
        Assert.Equal(JobState.Done, row.State);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(1, app.Log.RunsOf(id));
    }

    [Fact]
    public async Task AHungJobIsCancelledAtTheCapAndTakenOverOnceItsClaimLapses()
    {
        // A job killed with its process is the same story without the cap: NodeKillTests kills a real process mid-job.
        var id = (await EnqueueAsync(TestJobs.Hanging.Name, 1)).Single();
        var (stuck, survivor) = (Runner(), Runner());
        var abandoned = await HangAsync(stuck, id);
        var cap = TimeSpan.FromMinutes(Settings.MaxRunMinutes);

        // Renewed up to the cap.
        var beats = (int)Math.Ceiling(cap / Beat) - 1;
        for (var beat = 0; beat < beats; beat++)
        {
            await BeatAsync(id);
        }
        var lastClaim = (await RowAsync(id)).ClaimExpiresAt!.Value;
        // At the cap the run is cancelled through its token and the claim is no longer renewed.
        clock.Advance(Beat);
        await app.Log.HangOf(id).Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(lastClaim, (await RowAsync(id)).ClaimExpiresAt);
        // It ignores the cancellation: a beat later its runner stops waiting for it and goes on with other work.
        clock.Advance(Beat);
        Assert.Equal(0, await abandoned.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(lastClaim, (await RowAsync(id)).ClaimExpiresAt);

        // Until the last claim lapses nobody takes the job; then another runner does, and finishes it.
        clock.SetUtcNow(new DateTimeOffset(lastClaim, TimeSpan.Zero) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await survivor.RunDueAsync([TestJobs.Hanging.Name]));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await survivor.RunDueAsync([TestJobs.Hanging.Name]));
        var row = await RowAsync(id);
        Assert.Equal(JobState.Done, row.State);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(2, app.Log.RunsOf(id));
        Assert.Equal(1, app.Log.Effects[id]);

        // The hung run coming back to life records nothing: its runner no longer waits for it.
        app.Log.HangOf(id).Release.SetResult();
        Assert.Equal(JobState.Done, (await RowAsync(id)).State);
    }

    [Fact]
    public async Task ASecondEnqueueWithTheSameKeyAddsNothing()
    {
        async Task<bool> AddAsync(string kind, string key, int times) =>
            await app.WithServicesAsync(async s =>
            {
                var queue = ActivatorUtilities.CreateInstance<JobQueue>(s, (TimeProvider)clock);
                var added = false;
                for (var i = 0; i < times; i++)
                {
                    added |= await queue.AddOnceAsync(kind, key, new { Key = key }) is not null;
                }
                await s.GetRequiredService<KindredDbContext>().SaveChangesAsync();
                return added;
            });

        Assert.True(await AddAsync(TestJobs.Counting.Name, "once-a", 2));
        Assert.False(await AddAsync(TestJobs.Counting.Name, "once-a", 1));
        // The same key for another kind is another job.
        Assert.True(await AddAsync(TestJobs.Failing.Name, "once-a", 1));
        Assert.Equal(1, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == TestJobs.Counting.Name && j.IdempotencyKey == "once-a")));
        Assert.Equal(1, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == TestJobs.Failing.Name && j.IdempotencyKey == "once-a")));
        // Even once the job is done, the key stays taken.
        await Runner().RunDueAsync([TestJobs.Counting.Name]);
        Assert.False(await AddAsync(TestJobs.Counting.Name, "once-a", 1));
    }

    [Fact]
    public async Task AJobEnqueuedInAChangeThatRollsBackIsNeverWritten()
    {
        await app.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<KindredDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var queue = ActivatorUtilities.CreateInstance<JobQueue>(s, (TimeProvider)clock);
            queue.Add(TestJobs.Counting.Name, new { Rolled = "back" });
            await db.Tags.AddAsync(new Tag { Id = Snowflake.NewId(), Name = "rolledbacktag", Display = "RolledBackTag", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        Assert.False(await app.WithDbAsync(db => db.Tags.AnyAsync(t => t.Name == "rolledbacktag")));
        Assert.False(await app.WithDbAsync(db => db.Jobs.AnyAsync(j => j.Payload.Contains("Rolled"))));

        // The same change committed writes both.
        await app.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<KindredDbContext>();
            ActivatorUtilities.CreateInstance<JobQueue>(s, (TimeProvider)clock).Add(TestJobs.Counting.Name, new { Committed = "yes" });
            await db.Tags.AddAsync(new Tag { Id = Snowflake.NewId(), Name = "committedtag", Display = "CommittedTag", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        Assert.True(await app.WithDbAsync(db => db.Jobs.AnyAsync(j => j.Payload.Contains("Committed"))));
    }

    [Fact]
    public async Task ARecurringJobKeepsOneRowAndRunsOncePerPeriodAcrossRunners()
    {
        var (first, second) = (Runner(), Runner());
        await Task.WhenAll(first.RunDueAsync(), second.RunDueAsync());
        var row = await app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Kind == TestJobs.Recurring.Name));
        Assert.Equal(JobRunner.RecurringKey, row.IdempotencyKey);
        Assert.Equal(JobState.Pending, row.State);
        Assert.Equal(0, app.Log.RunsOf(row.Id));

        clock.Advance(TimeSpan.FromMinutes(10));
        await Task.WhenAll(first.RunDueAsync(), second.RunDueAsync());
        await Task.WhenAll(first.RunDueAsync(), second.RunDueAsync());
        Assert.Equal(1, app.Log.RunsOf(row.Id));
        var again = await RowAsync(row.Id);
        Assert.Equal(JobState.Pending, again.State);
        Assert.Equal(0, again.Attempts);
        Assert.InRange(again.RunAt, clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1), clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromMinutes(10));
        await Task.WhenAll(first.RunDueAsync(), second.RunDueAsync());
        Assert.Equal(2, app.Log.RunsOf(row.Id));
        Assert.Equal(1, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == TestJobs.Recurring.Name)));
    }

    [Fact]
    public async Task TheCleanupDeletesOldFinishedJobsAndKeepsRecentOnes()
    {
        var ids = await EnqueueAsync(TestJobs.Counting.Name, 2);
        await Runner().RunDueAsync([TestJobs.Counting.Name]);
        var longAgo = DateTime.UtcNow.AddDays(-(Settings.KeepDoneDays + 1));
        await app.WithDbAsync(db => db.Jobs.Where(j => j.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(j => j.UpdatedAt, longAgo)));
        var removed = await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobCleanupJob>(s).RunAsync(null!, CancellationToken.None));
        Assert.True(removed >= 1);
        Assert.False(await app.WithDbAsync(db => db.Jobs.AnyAsync(j => j.Id == ids[0])));
        Assert.True(await app.WithDbAsync(db => db.Jobs.AnyAsync(j => j.Id == ids[1])));
    }
}

public sealed class JobRunnerSqliteTests(JobsSqliteApp app) : JobRunnerTests(app), IClassFixture<JobsSqliteApp>;

public sealed class JobRunnerPostgresTests(JobsPostgresApp app) : JobRunnerTests(app), IClassFixture<JobsPostgresApp>;
