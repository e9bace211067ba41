using System.Linq.Expressions;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore.Query;

namespace Kindred.Core.Common;

/// <summary>
/// "Blocked either way", the one spelling of the rule: a block from either account to the other separates them.
/// <see cref="Between"/> asks about two known accounts; <see cref="WithoutBlocksWith"/> keeps the rows whose account
/// has no block with a viewer, as a correlated NOT EXISTS that translates on SQLite and PostgreSQL.
/// </summary>
public static class BlockFilters
{
    private static readonly Expression<Func<Block, long, long, bool>> EitherWay =
        (b, one, other) => (b.AccountId == one && b.TargetAccountId == other) || (b.AccountId == other && b.TargetAccountId == one);

    /// <summary>The blocks between <paramref name="one"/> and <paramref name="other"/>, in either direction.</summary>
    public static IQueryable<Block> Between(this IQueryable<Block> blocks, long one, long other) =>
        blocks.Where(Rule(Captured(one), Captured(other)));

    /// <summary>
    /// The rows whose account (<paramref name="account"/> picks it from the row) has no block with
    /// <paramref name="viewerId"/> in either direction.
    /// </summary>
    public static IQueryable<T> WithoutBlocksWith<T>(this IQueryable<T> rows, IQueryable<Block> blocks, long viewerId, Expression<Func<T, long>> account)
    {
        // EF cannot call a method inside a query's lambda, so the rule is written into the lambda here instead:
        // row => !blocks.Any(b => EitherWay(b, viewerId, account(row))).
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(Block)],
            blocks.Expression, Expression.Quote(Rule(Captured(viewerId), account.Body)));
        return rows.Where(Expression.Lambda<Func<T, bool>>(Expression.Not(any), account.Parameters[0]));
    }

    private static Expression<Func<Block, bool>> Rule(Expression one, Expression other)
    {
        var block = EitherWay.Parameters[0];
        var body = ReplacingExpressionVisitor.Replace([EitherWay.Parameters[1], EitherWay.Parameters[2]], [one, other], EitherWay.Body);
        return Expression.Lambda<Func<Block, bool>>(body, block);
    }

    /// <summary>A value read from a closure, so EF sends it as a query parameter rather than writing it into the SQL.</summary>
    private static Expression Captured(long value)
    {
        Expression<Func<long>> read = () => value;
        return read.Body;
    }
}
