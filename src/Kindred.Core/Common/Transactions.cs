using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Common;

/// <summary>
/// The one way a service makes several writes land together: in the caller's transaction when it holds one (the demo
/// seeder runs everything in one, so that a failure leaves the server as it was), otherwise in one of its own that
/// commits when <c>work</c> returns and rolls back when it throws.
/// </summary>
public static class Transactions
{
    public static async Task<T> InTransactionAsync<T>(this DbContext db, Func<Task<T>> work, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        await transaction.CommitAsync(ct);
        return result;
    }

    public static Task InTransactionAsync(this DbContext db, Func<Task> work, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            await work();
            return true;
        }, ct);
}
