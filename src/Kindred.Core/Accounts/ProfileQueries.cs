using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Accounts;

/// <summary>Loading profiles to show or edit them, with their fields and tags.</summary>
public static class ProfileQueries
{
    /// <summary>A local profile the public may know about: its user is active (not pending, rejected or disabled).</summary>
    public static Task<Account?> FindPublicProfileAsync(this KindredDbContext db, string username, CancellationToken ct = default)
    {
        var normalized = Usernames.Normalize(username);
        return Profiles(db)
            .Visible()
            .Where(a => a.UsernameNormalized == normalized && a.Domain == null)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The signed-in member's own profile, whatever its status.</summary>
    public static Task<Account?> FindOwnProfileAsync(this KindredDbContext db, long accountId, CancellationToken ct = default) =>
        Profiles(db).FirstOrDefaultAsync(a => a.Id == accountId, ct);

    /// <summary>
    /// The accounts with these ids, by id, whatever their status: for pages that name the people in rows they already
    /// may read (the rows' own rule decided that), so a gone or suspended account still has a name there.
    /// </summary>
    public static async Task<Dictionary<long, Account>> AccountsByIdAsync(this KindredDbContext db, IEnumerable<long> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Accounts.AsNoTracking().Where(a => wanted.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
    }

    /// <summary>The username of an account (for addresses such as a post's page).</summary>
    public static Task<string> UsernameOfAsync(this KindredDbContext db, long accountId, CancellationToken ct = default) =>
        db.Accounts.Where(a => a.Id == accountId).Select(a => a.Username).FirstAsync(ct);

    /// <summary>The name of the member's home area, only while it has a position to measure distances from; else null.</summary>
    public static Task<string?> MeasurableAreaNameAsync(this KindredDbContext db, long accountId, CancellationToken ct = default) =>
        db.Accounts.Where(a => a.Id == accountId && a.Latitude != null && a.Longitude != null)
            .Select(a => a.AreaName ?? "").FirstOrDefaultAsync(ct);

    private static IQueryable<Account> Profiles(KindredDbContext db) =>
        db.Accounts.AsNoTracking()
            .Include(a => a.Fields)
            .Include(a => a.Tags)
            .Include(a => a.User)
            .AsSplitQuery();
}
