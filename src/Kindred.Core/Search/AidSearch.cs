using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Search;

/// <summary>
/// Aid items in search (ADR 31): signed-in members find open requests and offers whose title or description holds every
/// word, and only those <see cref="AidVisibility"/> lets them see; anonymous visitors and app tokens find none. Aid
/// items are few and short-lived, so a substring match over the visible open items' folded text
/// (<see cref="AidSearchText"/>: case and accents folded, as for posts) is enough and needs no index of its own.
/// </summary>
public sealed class AidSearch(KindredDbContext db)
{
    public const int MaxResults = 40;

    public async Task<IReadOnlyList<AidItem>> FindAsync(string query, Viewer viewer, int offset, int limit, CancellationToken ct = default)
    {
        var words = SearchTerms.ForText(query).Words;
        if (words.Count == 0 || viewer.AccountId is null || viewer.IsApp)
        {
            return [];
        }
        var aidViewer = await AidViewer.LoadAsync(db, viewer, ct);
        var items = db.AidItems.AsNoTracking()
            .Where(i => i.State == AidItemState.Open || i.State == AidItemState.InProgress)
            .VisibleTo(db, aidViewer);
        foreach (var word in words.Take(8))
        {
            var folded = AidSearchText.Fold(word.Text);
            items = items.Where(i => i.SearchText.Contains(folded));
        }
        return await items.OrderByDescending(i => i.Id).Skip(Math.Max(0, offset)).Take(Math.Clamp(limit, 1, MaxResults)).ToListAsync(ct);
    }
}
