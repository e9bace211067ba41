using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Aid;

/// <summary>
/// A member's helper opt-ins: the categories they can help with and a radius around their coarse home area. Matching
/// (<see cref="AidMatching"/>) tells only people who opted in; the choices are never shown to other members (ADR 31).
/// </summary>
public sealed class AidHelpingService(KindredDbContext db, TimeProvider time)
{
    public const int MinRadiusKm = 1;
    public const int MaxRadiusKm = 100;

    /// <summary>The member's opt-ins, by category position.</summary>
    public async Task<IReadOnlyList<AidHelpingChoice>> GetAsync(long accountId, CancellationToken ct = default) =>
        await db.AidHelperCategories.AsNoTracking().Where(h => h.AccountId == accountId)
            .Join(db.AidCategories, h => h.CategoryId, c => c.Id, (h, c) => new { c.Slug, c.Position, c.Id, h.RadiusKm })
            .OrderBy(x => x.Position).ThenBy(x => x.Id)
            .Select(x => new AidHelpingChoice(x.Slug, x.RadiusKm))
            .ToListAsync(ct);

    /// <summary>Replaces the member's opt-ins with <paramref name="choices"/> (empty: no longer a helper); all or nothing.</summary>
    public async Task<IReadOnlyList<AidHelpingChoice>> SetAsync(long accountId, IReadOnlyList<AidHelpingChoice> choices, CancellationToken ct = default)
    {
        var categories = await db.AidCategories.AsNoTracking().Where(c => !c.Archived).ToDictionaryAsync(c => c.Slug, ct);
        var wanted = new Dictionary<long, int>();
        foreach (var choice in choices)
        {
            var slug = (choice.Category ?? "").Trim().ToLowerInvariant();
            if (!categories.TryGetValue(slug, out var category))
            {
                throw KindredException.Invalid("categories", $"There is no category \"{slug}\".");
            }
            if (choice.RadiusKm is < MinRadiusKm or > MaxRadiusKm)
            {
                throw KindredException.Invalid("radius_km", $"The distance must be between {MinRadiusKm} and {MaxRadiusKm} km.");
            }
            if (!wanted.TryAdd(category.Id, choice.RadiusKm))
            {
                throw KindredException.Invalid("categories", $"The category \"{slug}\" is given twice.");
            }
        }
        var now = time.UtcNow();
        var existing = await db.AidHelperCategories.Where(h => h.AccountId == accountId).ToListAsync(ct);
        foreach (var row in existing)
        {
            if (wanted.TryGetValue(row.CategoryId, out var radius))
            {
                row.RadiusKm = radius;
                wanted.Remove(row.CategoryId);
            }
            else
            {
                db.AidHelperCategories.Remove(row);
            }
        }
        foreach (var (categoryId, radius) in wanted)
        {
            db.AidHelperCategories.Add(new AidHelperCategory { AccountId = accountId, CategoryId = categoryId, RadiusKm = radius, CreatedAt = now });
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(accountId, ct);
    }
}
