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

    private static IQueryable<Account> Profiles(KindredDbContext db) =>
        db.Accounts.AsNoTracking()
            .Include(a => a.Fields)
            .Include(a => a.Tags)
            .Include(a => a.User)
            .AsSplitQuery();
}
