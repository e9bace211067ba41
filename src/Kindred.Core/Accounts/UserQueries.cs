using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Accounts;

/// <summary>Read-only look-ups over local users for the administration pages.</summary>
public static class UserQueries
{
    public const int PageSize = 50;

    /// <summary>Local users, oldest first, optionally filtered by a part of the username or e-mail address.</summary>
    public static async Task<IReadOnlyList<User>> ListUsersAsync(this KindredDbContext db, string? search, int page, CancellationToken ct = default)
    {
        return await Filter(db, search)
            .Include(u => u.Account)
            .OrderBy(u => u.Id)
            .Skip(Math.Max(0, page) * PageSize)
            .Take(PageSize)
            .ToListAsync(ct);
    }

    /// <summary>The member's own time zone id, or null when they chose none.</summary>
    public static Task<string?> TimeZoneIdAsync(this KindredDbContext db, long userId, CancellationToken ct = default) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);

    public static Task<int> CountUsersAsync(this KindredDbContext db, string? search, CancellationToken ct = default) =>
        Filter(db, search).CountAsync(ct);

    private static IQueryable<User> Filter(KindredDbContext db, string? search)
    {
        var query = db.Users.AsNoTracking();
        var term = (search ?? "").Trim();
        if (term.Length > 0)
        {
            // Identity keeps upper-cased copies of both, which makes the match case-insensitive on SQLite and PostgreSQL alike.
            var upper = term.ToUpperInvariant();
            query = query.Where(u => (u.NormalizedUserName != null && u.NormalizedUserName.Contains(upper))
                || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper)));
        }
        return query;
    }
}
