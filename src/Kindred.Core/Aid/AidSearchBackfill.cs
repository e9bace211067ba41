using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Aid;

/// <summary>Gives items written before the folded search text was kept (ADR 31) their text; run on start.</summary>
public sealed class AidSearchBackfill(KindredDbContext db)
{
    private const int Batch = 500;

    /// <summary>Fills the items still without text and says how many; a no-op once done.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var filled = 0;
        while (true)
        {
            var items = await db.AidItems.Where(i => i.SearchText == "").OrderBy(i => i.Id).Take(Batch).ToListAsync(ct);
            if (items.Count == 0)
            {
                return filled;
            }
            foreach (var item in items)
            {
                // A row whose title and description fold to nothing gets a space, so it is not picked up again.
                var folded = AidSearchText.Of(item.Title, item.Description);
                item.SearchText = folded.Length == 0 ? " " : folded;
            }
            await db.SaveChangesAsync(ct);
            filled += items.Count;
        }
    }
}
