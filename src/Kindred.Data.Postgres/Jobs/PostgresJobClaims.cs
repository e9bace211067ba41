using Kindred.Data.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Data.Postgres.Jobs;

/// <summary>
/// One statement claims a batch: rows another process is claiming at the same moment are skipped (FOR UPDATE SKIP
/// LOCKED) instead of waited for, so any number of processes poll the table without queueing behind each other.
/// The states are <c>JobState</c>'s numbers: 0 pending, 1 running.
/// </summary>
public sealed class PostgresJobClaims(KindredDbContext db) : IJobClaims
{
    public async Task<IReadOnlyList<long>> ClaimAsync(IReadOnlyCollection<string> kinds, string owner, DateTime now, DateTime until, int max, CancellationToken ct = default)
    {
        var kindArray = kinds.ToArray();
        return await db.Database.SqlQuery<long>($"""
            UPDATE "Jobs" SET "State" = 1, "ClaimedBy" = {owner}, "ClaimExpiresAt" = {until}, "Attempts" = "Attempts" + 1, "UpdatedAt" = {now}
            WHERE "Id" IN (
                SELECT "Id" FROM "Jobs"
                WHERE "Kind" = ANY({kindArray})
                  AND (("State" = 0 AND "RunAt" <= {now}) OR ("State" = 1 AND "ClaimExpiresAt" <= {now}))
                ORDER BY "RunAt", "Id"
                LIMIT {max}
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
    }
}
