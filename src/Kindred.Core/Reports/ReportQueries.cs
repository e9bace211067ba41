using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Reports;

/// <summary>Reading reports for moderators. Callers check <see cref="Accounts.Roles.CanModerate"/> first.</summary>
public sealed class ReportQueries(KindredDbContext db)
{
    public const int OpenListLimit = 100;

    /// <summary>The open (unresolved) reports, newest first.</summary>
    public async Task<IReadOnlyList<ListedReport>> OpenAsync(CancellationToken ct = default)
    {
        var rows = await db.Reports.AsNoTracking()
            .Where(r => r.ActionTakenAt == null)
            .OrderByDescending(r => r.Id)
            .Take(OpenListLimit)
            .Join(db.Accounts, r => r.AccountId, a => a.Id, (r, reporter) => new { r, reporter })
            .Join(db.Accounts, x => x.r.TargetAccountId, a => a.Id, (x, target) => new { x.r, x.reporter, target })
            .ToListAsync(ct);
        return rows.OrderByDescending(x => x.r.Id).Select(x => new ListedReport(x.r, x.reporter, x.target)).ToList();
    }
}
