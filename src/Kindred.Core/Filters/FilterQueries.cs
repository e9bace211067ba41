using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Filters;

/// <summary>Reading a member's own filters; any other member's filter, keyword or status is "not found".</summary>
public sealed class FilterQueries(KindredDbContext db)
{
    /// <summary>All of the owner's filters, expired ones too (the member may extend them), newest first.</summary>
    public async Task<IReadOnlyList<Filter>> AllAsync(long ownerId, CancellationToken ct = default) =>
        await Owned(ownerId).OrderByDescending(f => f.Id).ToListAsync(ct);

    public async Task<Filter> GetAsync(long ownerId, long filterId, CancellationToken ct = default) =>
        await Owned(ownerId).FirstOrDefaultAsync(f => f.Id == filterId, ct) ?? throw KindredException.NotFound();

    public async Task<(Filter Filter, FilterKeyword Keyword)> KeywordAsync(long ownerId, long keywordId, CancellationToken ct = default)
    {
        var filter = await Owned(ownerId).FirstOrDefaultAsync(f => f.Keywords.Any(k => k.Id == keywordId), ct) ?? throw KindredException.NotFound();
        return (filter, filter.Keywords.First(k => k.Id == keywordId));
    }

    public async Task<FilterStatus> StatusAsync(long ownerId, long filterStatusId, CancellationToken ct = default) =>
        await db.FilterStatuses.AsNoTracking()
            .Where(s => s.Id == filterStatusId && db.Filters.Any(f => f.Id == s.FilterId && f.AccountId == ownerId))
            .FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();

    private IQueryable<Filter> Owned(long ownerId) =>
        db.Filters.AsNoTracking().Where(f => f.AccountId == ownerId)
            .Include(f => f.Keywords.OrderBy(k => k.Id))
            .Include(f => f.Statuses.OrderBy(s => s.Id))
            .AsSplitQuery();
}
