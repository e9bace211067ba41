using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Common;

/// <summary>Mastodon's keyset paging over any rows with a time-sorted id, in one place for every list.</summary>
public static class Keyset
{
    /// <summary>
    /// Applies max_id and since_id, then takes the newest <see cref="Page.Limit"/> rows (capped at
    /// <paramref name="maxLimit"/>); with min_id, takes the rows just above the bound, oldest first, and returns them
    /// newest first.
    /// </summary>
    public static async Task<List<T>> PageAsync<T>(this IQueryable<T> rows, Page page, Expression<Func<T, long>> id, int maxLimit, CancellationToken ct)
    {
        if (page.MaxId is { } max)
        {
            rows = rows.Where(Compare(id, max, Expression.LessThan));
        }
        if (page.SinceId is { } since)
        {
            rows = rows.Where(Compare(id, since, Expression.GreaterThan));
        }
        var limit = Math.Clamp(page.Limit, 1, maxLimit);
        if (page.MinId is { } min)
        {
            var above = await rows.Where(Compare(id, min, Expression.GreaterThan)).OrderBy(id).Take(limit).ToListAsync(ct);
            above.Reverse();
            return above;
        }
        return await rows.OrderByDescending(id).Take(limit).ToListAsync(ct);
    }

    /// <summary>`id op value`, with the value read from an object so EF Core sends it as a parameter, not a literal.</summary>
    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, long>> id, long value, Func<Expression, Expression, BinaryExpression> op)
    {
        var bound = Expression.Property(Expression.Constant(new Bound(value)), nameof(Bound.Value));
        return Expression.Lambda<Func<T, bool>>(op(id.Body, bound), id.Parameters);
    }

    private sealed class Bound(long value)
    {
        public long Value { get; } = value;
    }
}
