using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kindred.Data.Counting;

/// <summary>
/// What a save does to the stored counts (ADR 92): a status that appears or disappears changes its author's
/// <see cref="Account.StatusesCount"/>, a favourite added or removed changes its status's
/// <see cref="Status.FavouritesCount"/>. Read from the change tracker before the save, applied after it in the same
/// transaction as relative increments, so concurrent saves never lose one another's changes. Writes that bypass the
/// tracker (bulk deletes) adjust the counts themselves through <see cref="StoredCounts"/>.
/// </summary>
public sealed class StoredCountChanges
{
    private readonly Dictionary<long, int> statuses = [];
    private readonly Dictionary<long, int> favourites = [];

    public bool IsEmpty => statuses.Count == 0 && favourites.Count == 0;

    /// <summary>The changes pending in <paramref name="tracker"/>; changes must already be detected.</summary>
    public static StoredCountChanges Collect(ChangeTracker tracker)
    {
        var changes = new StoredCountChanges();
        foreach (var entry in tracker.Entries<Status>())
        {
            var live = entry.Property(s => s.DeletedAt);
            var wasLive = entry.State is EntityState.Modified or EntityState.Deleted or EntityState.Unchanged && live.OriginalValue is null;
            var isLive = entry.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged && live.CurrentValue is null;
            if (wasLive != isLive && entry.State != EntityState.Detached)
            {
                Add(changes.statuses, entry.Entity.AccountId, isLive ? 1 : -1);
            }
        }
        foreach (var entry in tracker.Entries<Favourite>())
        {
            if (entry.State == EntityState.Added)
            {
                Add(changes.favourites, entry.Entity.StatusId, 1);
            }
            else if (entry.State == EntityState.Deleted)
            {
                Add(changes.favourites, entry.Entity.StatusId, -1);
            }
        }
        return changes;
    }

    /// <summary>Applies the changes; the caller holds the transaction the save ran in.</summary>
    public async Task ApplyAsync(KindredDbContext db, CancellationToken ct)
    {
        foreach (var (accountId, delta) in statuses.Where(d => d.Value != 0))
        {
            await db.Accounts.Where(a => a.Id == accountId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.StatusesCount, a => a.StatusesCount + delta < 0 ? 0 : a.StatusesCount + delta), ct);
        }
        foreach (var (statusId, delta) in favourites.Where(d => d.Value != 0))
        {
            await db.Statuses.Where(x => x.Id == statusId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.FavouritesCount, x => x.FavouritesCount + delta < 0 ? 0 : x.FavouritesCount + delta), ct);
        }
        ShiftTracked(db);
    }

    /// <summary>Moves the tracked copies of the changed counts too, so the writing request renders what it wrote.</summary>
    private void ShiftTracked(KindredDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<Account>().Where(e => statuses.ContainsKey(e.Entity.Id)).ToList())
        {
            StoredCounts.Shift(db, entry.Entity, a => a.StatusesCount, statuses[entry.Entity.Id]);
        }
        foreach (var entry in db.ChangeTracker.Entries<Status>().Where(e => favourites.ContainsKey(e.Entity.Id)).ToList())
        {
            StoredCounts.Shift(db, entry.Entity, s => s.FavouritesCount, favourites[entry.Entity.Id]);
        }
    }

    /// <summary>The same, for the synchronous save.</summary>
    public void Apply(KindredDbContext db)
    {
        foreach (var (accountId, delta) in statuses.Where(d => d.Value != 0))
        {
            db.Accounts.Where(a => a.Id == accountId)
                .ExecuteUpdate(s => s.SetProperty(a => a.StatusesCount, a => a.StatusesCount + delta < 0 ? 0 : a.StatusesCount + delta));
        }
        foreach (var (statusId, delta) in favourites.Where(d => d.Value != 0))
        {
            db.Statuses.Where(x => x.Id == statusId)
                .ExecuteUpdate(s => s.SetProperty(x => x.FavouritesCount, x => x.FavouritesCount + delta < 0 ? 0 : x.FavouritesCount + delta));
        }
        ShiftTracked(db);
    }

    private static void Add(Dictionary<long, int> deltas, long id, int delta) =>
        deltas[id] = deltas.GetValueOrDefault(id) + delta;
}
