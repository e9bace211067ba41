using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Aid;

/// <summary>
/// The audit trail of sensitive items (ADR 27, 31), read by safeguarding leads only: everyone else, staff included, is
/// refused. The rows are written when an item is opened, by the item pages and the API.
/// </summary>
public sealed class AidAuditQueries(KindredDbContext db)
{
    public const int DefaultLimit = 40;
    public const int MaxLimit = 80;

    /// <summary>Views newest first, optionally of one item, paged by view id.</summary>
    public async Task<IReadOnlyList<AidViewRow>> ViewsAsync(long actorId, long? itemId, Page page, CancellationToken ct = default)
    {
        if (!await db.Users.Active().AnyAsync(u => u.Id == actorId && u.IsSafeguardingLead, ct))
        {
            throw KindredException.Forbidden("Only safeguarding leads read the audit trail.");
        }
        var views = db.AidItemViews.AsNoTracking().AsQueryable();
        if (itemId is { } id)
        {
            views = views.Where(v => v.ItemId == id);
        }
        var rows = await views.PageAsync(page, v => v.Id, MaxLimit, ct);
        var itemIds = rows.Select(v => v.ItemId).Distinct().ToList();
        var viewerIds = rows.Select(v => v.ViewerId).Distinct().ToList();
        var titles = await db.AidItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, ct);
        var names = await db.Accounts.AsNoTracking().Where(a => viewerIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Username, ct);
        return rows.Select(v => new AidViewRow(v.Id, v.ItemId, titles.GetValueOrDefault(v.ItemId, ""), v.ViewerId, names.GetValueOrDefault(v.ViewerId, ""), v.ViewedAt, v.Via)).ToList();
    }
}
