using System.Linq.Expressions;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Data.Counting;

/// <summary>
/// The stored counts for writes that bypass the change tracker (ADR 92). Each is called in the writer's transaction
/// <em>before</em> its bulk delete, with the rows about to go, and takes them off as one relative decrement per
/// counted row (never below zero), so a concurrent increment is never overwritten. And the recount behind
/// <c>kindred counts repair</c>.
/// </summary>
public static class StoredCounts
{
    /// <summary>Takes <paramref name="leaving"/> (statuses about to be deleted; deleted ones are skipped) off their
    /// authors' <see cref="Account.StatusesCount"/>.</summary>
    public static Task<int> StatusesLeavingAsync(KindredDbContext db, IQueryable<Status> leaving, CancellationToken ct)
    {
        var live = leaving.Where(s => s.DeletedAt == null);
        return db.Accounts.Where(a => live.Any(s => s.AccountId == a.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.StatusesCount, a => a.StatusesCount - live.Count(s => s.AccountId == a.Id) < 0
                ? 0 : a.StatusesCount - live.Count(s => s.AccountId == a.Id)), ct);
    }

    /// <summary>Takes <paramref name="leaving"/> (favourites about to be deleted) off their statuses'
    /// <see cref="Status.FavouritesCount"/>.</summary>
    public static Task<int> FavouritesLeavingAsync(KindredDbContext db, IQueryable<Favourite> leaving, CancellationToken ct) =>
        db.Statuses.Where(s => leaving.Any(f => f.StatusId == s.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FavouritesCount, s => s.FavouritesCount - leaving.Count(f => f.StatusId == s.Id) < 0
                ? 0 : s.FavouritesCount - leaving.Count(f => f.StatusId == s.Id)), ct);

    /// <summary>Takes <paramref name="removed"/> statuses, already deleted by the caller, off one account's count. For a
    /// writer that deletes one account's rows: deleting first and counting what the delete removed is exact even when
    /// two requests delete the same row at once (on PostgreSQL a decrement computed by a subquery before a row lock is
    /// not computed again after it).</summary>
    public static Task<int> StatusesRemovedAsync(KindredDbContext db, long accountId, int removed, CancellationToken ct) =>
        removed == 0 ? Task.FromResult(0) : db.Accounts.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.StatusesCount, a => a.StatusesCount - removed < 0 ? 0 : a.StatusesCount - removed), ct);

    /// <summary>Takes <paramref name="removed"/> favourites, already deleted by the caller, off one status's count.</summary>
    public static Task<int> FavouritesRemovedAsync(KindredDbContext db, long statusId, int removed, CancellationToken ct) =>
        removed == 0 ? Task.FromResult(0) : db.Statuses.Where(s => s.Id == statusId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FavouritesCount, s => s.FavouritesCount - removed < 0 ? 0 : s.FavouritesCount - removed), ct);

    /// <summary>Moves the in-memory copy of a count by <paramref name="delta"/> after the database moved it, so the
    /// response of the request that wrote shows it; a tracked entity stays unmodified (a later save must never write
    /// the count back as an absolute value over a concurrent writer's increment).</summary>
    public static void Shift<TEntity>(KindredDbContext db, TEntity entity, Expression<Func<TEntity, int>> count, int delta)
        where TEntity : class
    {
        var entry = db.Entry(entity);
        var property = entry.Property(count);
        var value = Math.Max(0, property.CurrentValue + delta);
        property.CurrentValue = value;
        if (entry.State != EntityState.Detached)
        {
            property.OriginalValue = value;
        }
    }

    /// <summary>Statuses whose stored favourites count differs from a fresh count.</summary>
    public static IQueryable<Status> WrongFavourites(KindredDbContext db) =>
        db.Statuses.Where(s => s.FavouritesCount != db.Favourites.Count(f => f.StatusId == s.Id));

    /// <summary>Accounts whose stored statuses count differs from a fresh count.</summary>
    public static IQueryable<Account> WrongStatuses(KindredDbContext db) =>
        db.Accounts.Where(a => a.StatusesCount != db.Statuses.Count(s => s.AccountId == a.Id && s.DeletedAt == null));

    /// <summary>Recounts every stored count that is wrong, in one statement per kind; returns how many rows of each
    /// kind it fixed.</summary>
    public static async Task<(int Statuses, int Favourites)> RepairAsync(KindredDbContext db, CancellationToken ct)
    {
        var statuses = await WrongStatuses(db)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.StatusesCount, a => db.Statuses.Count(s => s.AccountId == a.Id && s.DeletedAt == null)), ct);
        var favourites = await WrongFavourites(db)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FavouritesCount, s => db.Favourites.Count(f => f.StatusId == s.Id)), ct);
        return (statuses, favourites);
    }
}
