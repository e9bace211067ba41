using System.Diagnostics;
using System.Text.Json;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Insights;

/// <summary>
/// The insights and the funder report (ADR 57): staff read stored snapshots; the recurring job and a requested report
/// are the only places that compute (<see cref="InsightsCalculator"/>).
/// </summary>
public sealed class InsightsService(KindredDbContext db, InsightsCalculator calculator, JobQueue jobs, TimeProvider time, IOptions<InsightsOptions> options)
{
    /// <summary>The longest period one funder report covers.</summary>
    public const int MaxDays = 366;

    /// <summary>How many recurring snapshots are kept (the newest is shown).</summary>
    public const int KeptSnapshots = 3;

    /// <summary>Refuses anyone who may not see the insights.</summary>
    public async Task RequireAsync(long actorId, CancellationToken ct = default)
    {
        var role = await db.Users.AsNoTracking().Active().Where(u => u.Id == actorId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is not { } r || !Roles.CanSeeInsights(r))
        {
            throw KindredException.Forbidden("Only staff see the insights.");
        }
    }

    /// <summary>The newest recurring snapshot, or null before the job has run once.</summary>
    public async Task<InsightsReport?> LatestAsync(long actorId, CancellationToken ct = default)
    {
        await RequireAsync(actorId, ct);
        var row = await db.InsightsSnapshots.AsNoTracking().Where(s => s.RequestedById == null && s.ComputedAt != null)
            .OrderByDescending(s => s.ComputedAt).ThenByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        return row is null ? null : View(row);
    }

    /// <summary>Before the recurring job's first round (one period after the server first starts) there is nothing to
    /// show: the first visit asks for a snapshot now, once.</summary>
    public async Task AskForFirstSnapshotAsync(long actorId, CancellationToken ct = default)
    {
        await RequireAsync(actorId, ct);
        if (await jobs.AddOnceAsync(InsightsJob.JobKind, "first", new InsightsReportPayload(0), ct: ct) is not null)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>One snapshot: a funder report (pending or ready) or a recurring one.</summary>
    public async Task<InsightsReport> FindAsync(long actorId, long id, CancellationToken ct = default)
    {
        await RequireAsync(actorId, ct);
        var row = await db.InsightsSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw KindredException.NotFound("No such report.");
        return View(row);
    }

    /// <summary>Asks for a funder report over [<paramref name="from"/>, <paramref name="to"/>): the row and its job are
    /// stored together, and the job computes it.</summary>
    public async Task<long> RequestReportAsync(long actorId, DateTime from, DateTime to, CancellationToken ct = default)
    {
        await RequireAsync(actorId, ct);
        if (to <= from)
        {
            throw KindredException.Invalid("to", "The end of the period must come after its start.");
        }
        if ((to - from).TotalDays > MaxDays)
        {
            throw KindredException.Invalid("to", $"A period covers at most {MaxDays} days.");
        }
        var now = time.UtcNow();
        var snapshot = new InsightsSnapshot { Id = Snowflake.NewId(now), PeriodStart = from, PeriodEnd = to, RequestedById = actorId, CreatedAt = now };
        db.InsightsSnapshots.Add(snapshot);
        jobs.Add(InsightsReportJob.JobKind, new InsightsReportPayload(snapshot.Id));
        await db.SaveChangesAsync(ct);
        return snapshot.Id;
    }

    /// <summary>The recurring snapshot over the last Kindred:Insights:PeriodDays; older recurring ones beyond the few
    /// kept are deleted.</summary>
    public async Task<int> SnapshotAsync(CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var snapshot = new InsightsSnapshot { Id = Snowflake.NewId(now), PeriodStart = now.AddDays(-Math.Clamp(options.Value.PeriodDays, 1, MaxDays)), PeriodEnd = now, CreatedAt = now };
        await FillAsync(snapshot, ct);
        db.InsightsSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        var old = await db.InsightsSnapshots.Where(s => s.RequestedById == null).OrderByDescending(s => s.ComputedAt).ThenByDescending(s => s.Id)
            .Skip(KeptSnapshots).Select(s => s.Id).ToListAsync(ct);
        if (old.Count > 0)
        {
            await db.InsightsSnapshots.Where(s => old.Contains(s.Id)).ExecuteDeleteAsync(ct);
        }
        return 1;
    }

    /// <summary>Computes a requested report; nothing to do when it is gone or already computed.</summary>
    public async Task<int> ComputeReportAsync(long id, CancellationToken ct = default)
    {
        var snapshot = await db.InsightsSnapshots.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (snapshot is null || snapshot.ComputedAt is not null)
        {
            return 0;
        }
        await FillAsync(snapshot, ct);
        await db.SaveChangesAsync(ct);
        return 1;
    }

    public static InsightFigures? Read(string json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<InsightFigures>(json);

    private async Task FillAsync(InsightsSnapshot snapshot, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var figures = await calculator.ComputeAsync(snapshot.PeriodStart, snapshot.PeriodEnd, ct);
        snapshot.Figures = JsonSerializer.Serialize(figures);
        snapshot.ComputedAt = time.UtcNow();
        snapshot.DurationMs = clock.ElapsedMilliseconds;
    }

    private static InsightsReport View(InsightsSnapshot s) =>
        new(s.Id, s.PeriodStart, s.PeriodEnd, s.RequestedById, s.CreatedAt, s.ComputedAt, s.DurationMs, s.ComputedAt is null ? null : Read(s.Figures));
}
