using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Aid;

/// <summary>
/// How help flows, for staff (ADR 31): over the requests posted in a period, the median time to a first response, the
/// median time to fulfilment, and the fulfilment rate, overall, by category and by area. Only requests count (offers
/// have no "fulfilled" to measure); the rate is fulfilled ÷ ended (fulfilled, closed, expired), since a request still
/// open has not failed. The maths is in the static methods, unit-tested on their own.
/// </summary>
public sealed class AidFigures(KindredDbContext db)
{
    /// <summary>The longest period one report covers.</summary>
    public const int MaxDays = 366;

    /// <summary>What an item without an area is filed under.</summary>
    public const string NoArea = "";

    public async Task<AidFigureReport> ReportAsync(long actorId, DateTime from, DateTime to, CancellationToken ct = default)
    {
        var role = await db.Users.AsNoTracking().Active().Where(u => u.Id == actorId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is not { } r || !Roles.CanSeeAidFigures(r))
        {
            throw KindredException.Forbidden("Only staff see the aid figures.");
        }
        if (to <= from)
        {
            throw KindredException.Invalid("to", "The end of the period must come after its start.");
        }
        if ((to - from).TotalDays > MaxDays)
        {
            throw KindredException.Invalid("to", $"A period covers at most {MaxDays} days.");
        }
        var rows = await db.AidItems.AsNoTracking()
            .Where(i => i.Kind == AidKind.Request && i.CreatedAt >= from && i.CreatedAt < to)
            .Join(db.AidCategories, i => i.CategoryId, c => c.Id, (i, c) => new AidFigureInput(c.Slug, i.AreaName ?? NoArea, i.State, i.CreatedAt, i.FirstResponseAt, i.EndedAt))
            .ToListAsync(ct);
        return new AidFigureReport(from, to, Row("all", rows),
            rows.GroupBy(x => x.Category).Select(g => Row(g.Key, g.ToList())).OrderBy(x => x.Key, StringComparer.Ordinal).ToList(),
            rows.GroupBy(x => x.Area).Select(g => Row(g.Key, g.ToList())).OrderBy(x => x.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>The figures of one slice.</summary>
    public static AidFigureRow Row(string key, IReadOnlyCollection<AidFigureInput> items)
    {
        var fulfilled = items.Count(i => i.State == AidItemState.Fulfilled);
        var ended = items.Count(i => i.State is AidItemState.Closed or AidItemState.Expired);
        return new AidFigureRow(key, items.Count, fulfilled, ended, Rate(fulfilled, fulfilled + ended),
            Median(items.Where(i => i.FirstResponseAt is not null).Select(i => Hours(i.CreatedAt, i.FirstResponseAt!.Value))),
            Median(items.Where(i => i.State == AidItemState.Fulfilled && i.EndedAt is not null).Select(i => Hours(i.CreatedAt, i.EndedAt!.Value))));
    }

    /// <summary>The median (the mean of the middle two for an even count); null for no values.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary><paramref name="part"/> ÷ <paramref name="whole"/>, or null when there is nothing to divide by.</summary>
    public static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    private static double Hours(DateTime from, DateTime to) => Math.Max(0, (to - from).TotalHours);
}
