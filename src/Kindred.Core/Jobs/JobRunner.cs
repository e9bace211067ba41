using System.Data.Common;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Data.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Jobs;

/// <summary>
/// Claims due jobs and runs them (ADR 49): any number of processes may run one, each claims through
/// <see cref="IJobClaims"/> so no job runs in two at once. A failed job is tried again after a wait that grows four
/// times each attempt, and is dead after <see cref="JobsOptions.MaxAttempts"/>. A claim whose process died lapses
/// after <see cref="JobsOptions.ClaimSeconds"/> and the job is claimed again (so handlers are idempotent); a running job's
/// claim is renewed on a heartbeat up to <see cref="JobsOptions.MaxRunMinutes"/> (ADR 103). Recurring
/// kinds keep one row each (idempotency key <see cref="RecurringKey"/>) that goes back to pending after every round.
/// The server's hosted service calls <see cref="RunDueAsync"/> on a timer; tests call it on a fake clock.
/// </summary>
public sealed partial class JobRunner(IServiceScopeFactory scopes, TimeProvider time, IOptions<JobsOptions> options, ILogger<JobRunner> logger)
{
    /// <summary>The idempotency key of a recurring kind's one row.</summary>
    public const string RecurringKey = "recurring";

    private static readonly TimeSpan EnsureEvery = TimeSpan.FromMinutes(1);
    private DateTime nextEnsure = DateTime.MinValue;

    // Every handler's kind, type, period and switch, read once per runner: constructing each handler (and what it
    // depends on) on every poll only to read these was most of an idle poll's work. They come from configuration
    // read at start, so they do not change while the process runs.
    private IReadOnlyDictionary<string, Handler>? handlers;

    /// <summary>Who holds this runner's claims: the machine, the process and this instance.</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private JobsOptions Settings => options.Value;

    /// <summary>The wait after a job's <paramref name="attempts"/>th failure: 1, 4, 16, 64, 256 minutes by default.</summary>
    public TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Settings.RetrySeconds * Math.Pow(4, Math.Clamp(attempts - 1, 0, 5)));

    /// <summary>
    /// Schedules missing recurring jobs, then claims and runs what is due, batch after batch while batches come full.
    /// <paramref name="onlyKinds"/> runs just those kinds (even ones this process pauses) and schedules nothing.
    /// </summary>
    /// <returns>How many jobs ran to success.</returns>
    public async Task<int> RunDueAsync(IReadOnlyCollection<string>? onlyKinds = null, CancellationToken ct = default)
    {
        var succeeded = 0;
        for (var round = 0; round < 10; round++)
        {
            var (claimed, kinds) = await ClaimAsync(onlyKinds, ct);
            foreach (var (id, kind) in claimed)
            {
                if (await RunOneAsync(id, kind, kinds[kind], ct))
                {
                    succeeded++;
                }
            }
            if (claimed.Count < Math.Max(1, Settings.BatchSize))
            {
                break;
            }
        }
        return succeeded;
    }

    private async Task<(List<(long Id, string Kind)> Claimed, Dictionary<string, TimeSpan?> Kinds)> ClaimAsync(IReadOnlyCollection<string>? onlyKinds, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var paused = Settings.Paused.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kinds = Handlers(scope.ServiceProvider).Values
            .Where(h => onlyKinds is null ? h.Enabled && !paused.Contains(h.Kind, StringComparer.Ordinal) : onlyKinds.Contains(h.Kind))
            .ToDictionary(h => h.Kind, h => h.Every, StringComparer.Ordinal);
        if (kinds.Count == 0)
        {
            return ([], kinds);
        }
        var db = scope.ServiceProvider.GetRequiredService<KindredDbContext>();
        var now = time.UtcNow();
        if (onlyKinds is null && now >= nextEnsure)
        {
            await EnsureRecurringAsync(db, kinds, now, ct);
            nextEnsure = now + EnsureEvery;
        }
        var ids = await scope.ServiceProvider.GetRequiredService<IJobClaims>()
            .ClaimAsync(kinds.Keys, Name, now, now + TimeSpan.FromSeconds(Settings.ClaimSeconds), Math.Max(1, Settings.BatchSize), ct);
        if (ids.Count == 0)
        {
            return ([], kinds);
        }
        var claimed = await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).OrderBy(j => j.RunAt).ThenBy(j => j.Id)
            .Select(j => new { j.Id, j.Kind }).ToListAsync(ct);
        return (claimed.Select(j => (j.Id, j.Kind)).ToList(), kinds);
    }

    /// <summary>Adds the row of each recurring kind that has none, and brings forward a row scheduled further away than
    /// its (since shortened) period.</summary>
    private async Task EnsureRecurringAsync(KindredDbContext db, Dictionary<string, TimeSpan?> kinds, DateTime now, CancellationToken ct)
    {
        var recurring = kinds.Where(k => k.Value is not null).ToDictionary(k => k.Key, k => k.Value!.Value, StringComparer.Ordinal);
        var names = recurring.Keys.ToList();
        var have = await db.Jobs.AsNoTracking().Where(j => names.Contains(j.Kind) && j.IdempotencyKey == RecurringKey)
            .Select(j => new { j.Id, j.Kind, j.State, j.RunAt }).ToListAsync(ct);
        foreach (var row in have.Where(r => r.State == JobState.Pending && r.RunAt > now + recurring[r.Kind]))
        {
            var at = now + recurring[row.Kind];
            await db.Jobs.Where(j => j.Id == row.Id && j.State == JobState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAt, at), ct);
        }
        var missing = names.Where(n => have.All(h => h.Kind != n)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        foreach (var kind in missing)
        {
            db.Jobs.Add(new Job
            {
                Id = Snowflake.NewId(now),
                Kind = kind,
                State = JobState.Pending,
                // One period from now, as the timers before the runner did: a start is not a reason to run everything.
                RunAt = now + recurring[kind],
                IdempotencyKey = RecurringKey,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process added the same row first (the unique key refused ours); it is scheduled either way.
            db.ChangeTracker.Clear();
        }
    }

    private async Task<bool> RunOneAsync(long id, string kind, TimeSpan? every, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KindredDbContext>();
        var mine = db.Jobs.Where(j => j.Id == id && j.State == JobState.Running && j.ClaimedBy == Name);
        // Renewed at the start of the run: jobs earlier in the batch may have taken most of the claim's time.
        var until = time.UtcNow() + TimeSpan.FromSeconds(Settings.ClaimSeconds);
        if (await mine.ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimExpiresAt, until), ct) == 0)
        {
            return false;
        }
        var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == id, ct);
        if (every is null && job.Attempts > Settings.MaxAttempts)
        {
            // Its claims kept lapsing: the job kills or hangs its process. It is not run again by itself.
            await FinishAsync(mine, JobState.Dead, job.RunAt, "Its process stopped during every attempt.", clearPayload: false, keepAttempts: true);
            LogDead(null, job.Kind, job.Id, job.Attempts);
            return false;
        }
        // Only this job's handler is built: under its own type when registered so (JobsSetup), else made from the scope.
        var handler = (IJobHandler)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, Handlers(scope.ServiceProvider)[kind].Type);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Started before the handler so its first beat is counted from the run's start.
        using var beat = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, Settings.ClaimSeconds) / 3), time);
        var started = time.UtcNow();
        // Wrapped so a handler that throws before its first await fails the task instead of this method.
        async Task<int> WorkAsync() => await handler.RunAsync(job, run.Token);
        var work = WorkAsync();
        var (finished, stopped) = await HoldClaimAsync(work, id, kind, started, beat, run);
        if (!finished)
        {
            // It ignored its cancellation for a whole beat: this process stops waiting and its claim lapses, so another
            // process (or this one's next look) runs the job again. Whatever it throws later is observed here, not lost.
            _ = work.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return false;
        }
        int count;
        try
        {
            count = await work;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: given back at once instead of waiting for the claim to lapse; the attempt does not count.
            var now = time.UtcNow();
            await mine.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Pending).SetProperty(j => j.ClaimedBy, (string?)null)
                .SetProperty(j => j.ClaimExpiresAt, (DateTime?)null).SetProperty(j => j.Attempts, j => j.Attempts - 1).SetProperty(j => j.UpdatedAt, now), CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            var message = stopped ?? e.Message;
            var error = message.Length > 1000 ? message[..1000] : message;
            var now = time.UtcNow();
            if (every is { } period)
            {
                LogRoundFailed(e, kind);
                await FinishAsync(mine, JobState.Pending, now + period, error, clearPayload: false, keepAttempts: true);
            }
            else if (job.Attempts >= Settings.MaxAttempts)
            {
                LogDead(e, kind, id, job.Attempts);
                await FinishAsync(mine, JobState.Dead, job.RunAt, error, clearPayload: false, keepAttempts: true);
            }
            else
            {
                LogRetry(e, kind, id, job.Attempts);
                await FinishAsync(mine, JobState.Pending, now + Backoff(job.Attempts), error, clearPayload: false, keepAttempts: true);
            }
            return false;
        }
        // False when this process's claim lapsed meanwhile and another process took the job over.
        var recorded = every is { } next
            ? await FinishAsync(mine, JobState.Pending, time.UtcNow() + next, null, clearPayload: false)
            : await FinishAsync(mine, JobState.Done, job.RunAt, job.LastError, clearPayload: true, keepAttempts: true);
        if (count > 0)
        {
            LogDone(kind, count);
        }
        return recorded;
    }

    /// <summary>
    /// Renews the claim on every beat while <paramref name="work"/> runs, so a healthy job that outlasts the claim is not
    /// taken over (ADR 103). Past <see cref="JobsOptions.MaxRunMinutes"/>, or once the claim was lost to another process,
    /// it renews no more and cancels the run; a run still going a beat later is abandoned.
    /// </summary>
    /// <returns>Whether the work finished (Stopped: why it was cancelled, if it was).</returns>
    private async Task<(bool Finished, string? Stopped)> HoldClaimAsync(Task work, long id, string kind, DateTime started, PeriodicTimer beat, CancellationTokenSource run)
    {
        var cap = TimeSpan.FromMinutes(Settings.MaxRunMinutes);
        string? stopped = null;
        while (!work.IsCompleted)
        {
            var tick = beat.WaitForNextTickAsync().AsTask();
            if (await Task.WhenAny(work, tick) == work)
            {
                break;
            }
            if (stopped is not null)
            {
                LogAbandoned(kind, id);
                return (false, stopped);
            }
            var now = time.UtcNow();
            if (now - started >= cap)
            {
                stopped = $"It ran longer than {Settings.MaxRunMinutes} minutes and was stopped.";
                LogOverran(kind, id, Settings.MaxRunMinutes);
            }
            else if (!await RenewAsync(id, now + TimeSpan.FromSeconds(Settings.ClaimSeconds)))
            {
                stopped = "Its claim was lost to another process and it was stopped.";
                LogClaimLost(kind, id);
            }
            if (stopped is not null)
            {
                await run.CancelAsync();
            }
        }
        return (true, stopped);
    }

    /// <summary>Moves this process's claim on job <paramref name="id"/> to <paramref name="until"/>; false once another
    /// process holds it. A database that cannot be reached counts as still held: the next beat tries again, and the
    /// claim lapses by itself if the database stays away for longer than the claim.</summary>
    private async Task<bool> RenewAsync(long id, DateTime until)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KindredDbContext>();
            return await db.Jobs.Where(j => j.Id == id && j.State == JobState.Running && j.ClaimedBy == Name)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimExpiresAt, until), CancellationToken.None) == 1;
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            LogRenewFailed(e, id);
            return true;
        }
    }

    private IReadOnlyDictionary<string, Handler> Handlers(IServiceProvider services) =>
        handlers ??= services.GetServices<IJobHandler>()
            .ToDictionary(h => h.Kind, h => new Handler(h.Kind, h.GetType(), h.Every, h.Enabled), StringComparer.Ordinal);

    private sealed record Handler(string Kind, Type Type, TimeSpan? Every, bool Enabled);

    /// <summary>Releases the claim into <paramref name="state"/>. Attempts start again from zero unless kept (a
    /// recurring job's new round).</summary>
    private async Task<bool> FinishAsync(IQueryable<Job> mine, JobState state, DateTime runAt, string? error, bool clearPayload, bool keepAttempts = false)
    {
        var now = time.UtcNow();
        // Not cancellable: the work is done (or failed) and the row must say so even while the server stops.
        return await mine.ExecuteUpdateAsync(s =>
        {
            s.SetProperty(j => j.State, state).SetProperty(j => j.RunAt, runAt)
                .SetProperty(j => j.ClaimedBy, (string?)null).SetProperty(j => j.ClaimExpiresAt, (DateTime?)null)
                .SetProperty(j => j.LastError, error).SetProperty(j => j.UpdatedAt, now);
            if (!keepAttempts)
            {
                s.SetProperty(j => j.Attempts, 0);
            }
            if (clearPayload)
            {
                s.SetProperty(j => j.Payload, "");
            }
        }, CancellationToken.None) == 1;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} {JobId} ran longer than {Minutes} minutes: its claim is no longer renewed and the run is cancelled")]
    private partial void LogOverran(string kind, long jobId, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} {JobId} was taken over by another process; this run is cancelled")]
    private partial void LogClaimLost(string kind, long jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Kind} {JobId} ignored its cancellation; this process stops waiting for it and another run takes it over once its claim lapses")]
    private partial void LogAbandoned(string kind, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The claim on job {JobId} could not be renewed; the next beat tries again")]
    private partial void LogRenewFailed(Exception exception, long jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Kind} did {Count} things")]
    private partial void LogDone(string kind, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} {JobId} failed (attempt {Attempts}); it will be tried again")]
    private partial void LogRetry(Exception exception, string kind, long jobId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of the recurring job {Kind} failed; the next round tries again")]
    private partial void LogRoundFailed(Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Kind} {JobId} is dead after {Attempts} attempts")]
    private partial void LogDead(Exception? exception, string kind, long jobId, int attempts);
}
