using System.Globalization;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Models;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Renders reports; the target accounts of a batch are loaded and rendered once.</summary>
public sealed class ReportRenderer(KindredDbContext db, AccountRenderer accounts)
{
    public async Task<IReadOnlyList<MastodonReport>> RenderManyAsync(IReadOnlyList<Report> reports, long viewerId, CancellationToken ct = default)
    {
        var targetIds = reports.Select(r => r.TargetAccountId).Distinct().ToList();
        var targets = await db.Accounts.AsNoTracking()
            .Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User)
            .AsSplitQuery()
            .Where(a => targetIds.Contains(a.Id))
            .ToListAsync(ct);
        var rendered = (await accounts.RenderManyAsync(targets, viewerId, ct)).ToDictionary(a => a.Id);
        return reports
            .Where(r => rendered.ContainsKey(Id(r.TargetAccountId)))
            .Select(r => new MastodonReport
            {
                Id = Id(r.Id),
                ActionTaken = r.ActionTakenAt is not null,
                ActionTakenAt = r.ActionTakenAt is { } at ? MastodonTime.Format(at) : null,
                Category = r.Category.ToString().ToLowerInvariant(),
                Comment = r.Comment,
                Forwarded = false,
                CreatedAt = MastodonTime.Format(r.CreatedAt),
                StatusIds = r.StatusIds.Select(Id).ToList(),
                RuleIds = r.RuleIds.Select(Id).ToList(),
                TargetAccount = rendered[Id(r.TargetAccountId)],
            })
            .ToList();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

}
