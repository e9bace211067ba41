using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Data.Nodes;

/// <summary>
/// Claims and renews a node number (ADR 93) with statements that are atomic on both databases: a conditional UPDATE
/// (PostgreSQL re-reads the condition after waiting for a competing writer; SQLite writes one at a time) or an INSERT
/// that the primary key refuses to a second process.
/// </summary>
public static class NodeLeases
{
    /// <summary>
    /// Renews <paramref name="holder"/>'s <paramref name="current"/> number, or takes a lapsed one, or adds a new one,
    /// each held until <paramref name="until"/>. Answers the number, or null when all <see cref="SnowflakeGenerator.MaxNode"/>
    /// are held by live processes.
    /// </summary>
    public static async Task<int?> ClaimAsync(KindredDbContext db, string holder, int? current, DateTime now, DateTime until, CancellationToken ct = default)
    {
        // Still ours even when it lapsed meanwhile (the database was away), as long as nobody took it over.
        if (current is { } mine
            && await db.NodeLeases.Where(l => l.Number == mine && l.Holder == holder).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), ct) == 1)
        {
            return mine;
        }
        var lapsed = await db.NodeLeases.AsNoTracking().Where(l => l.ExpiresAt < now).OrderBy(l => l.Number).Select(l => l.Number).Take(8).ToListAsync(ct);
        foreach (var number in lapsed)
        {
            var taken = await db.NodeLeases.Where(l => l.Number == number && l.ExpiresAt < now)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
            if (taken == 1)
            {
                return number;
            }
        }
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var held = await db.NodeLeases.AsNoTracking().Select(l => l.Number).ToListAsync(ct);
            var free = Enumerable.Range(1, SnowflakeGenerator.MaxNode).Where(n => !held.Contains(n)).Select(n => (int?)n).FirstOrDefault();
            if (free is not { } number)
            {
                return null;
            }
            db.NodeLeases.Add(new NodeLease { Number = number, Holder = holder, ExpiresAt = until });
            try
            {
                await db.SaveChangesAsync(ct);
                return number;
            }
            catch (DbUpdateException)
            {
                // Another process added the same number first; look again.
                db.ChangeTracker.Clear();
            }
        }
        return null;
    }

    /// <summary>Gives the number back at a clean shutdown so the next process need not wait for it to lapse.</summary>
    public static Task ReleaseAsync(KindredDbContext db, string holder, int number, DateTime now, CancellationToken ct = default) =>
        db.NodeLeases.Where(l => l.Number == number && l.Holder == holder).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), ct);
}
