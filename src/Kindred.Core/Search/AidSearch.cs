using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Search;

/// <summary>
/// Aid items in search (ADR 31, ADR 87): signed-in members find open and in-progress requests and offers whose title,
/// description or category (in English and French, <see cref="CategoryWords"/>) has words starting with each word asked
/// ("childcare" finds a request in the childcare category whose title says "pick up my kids"), and only those
/// <see cref="AidVisibility"/> lets them see; anonymous visitors and app tokens find none. The rule is applied in the query
/// before the page is cut, so neither the results nor their number tell of a sensitive item the searcher may not see.
/// </summary>
public sealed class AidSearch(KindredDbContext db, ISearchIndex index)
{
    public const int MaxResults = 40;

    public async Task<IReadOnlyList<AidItem>> FindAsync(string query, Viewer viewer, int offset, int limit, CancellationToken ct = default)
    {
        var terms = SearchTerms.ForNames(query);
        if (terms.IsEmpty || viewer.AccountId is null || viewer.IsApp)
        {
            return [];
        }
        var aidViewer = await AidViewer.LoadAsync(db, viewer, ct);
        var matches = index.AidItemIds(terms);
        return await db.AidItems.AsNoTracking()
            .Where(i => matches.Contains(i.Id))
            .Where(i => i.State == AidItemState.Open || i.State == AidItemState.InProgress)
            .VisibleTo(db, aidViewer)
            .OrderByDescending(i => i.Id)
            .Skip(Math.Max(0, offset)).Take(Math.Clamp(limit, 1, MaxResults + 1))
            .ToListAsync(ct);
    }
}
