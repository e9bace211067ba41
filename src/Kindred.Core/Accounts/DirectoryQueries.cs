using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Accounts;

/// <summary>
/// The profile directory (Mastodon's /api/v1/directory, ADR 80): members of this server who chose to be discoverable,
/// active (never suspended or pending), not limited by a moderator, never someone the viewer blocks or who blocks them.
/// Only signed-in members read it: a charity's member list is not for visitors or scrapers.
/// </summary>
public sealed class DirectoryQueries(KindredDbContext db)
{
    public const int DefaultLimit = 40;
    public const int MaxLimit = 80;

    /// <param name="newest">order=new: newest members first; otherwise (order=active) those who posted last first.</param>
    public async Task<IReadOnlyList<Account>> ListAsync(long viewerId, bool newest, int offset, int limit, CancellationToken ct = default)
    {
        var accounts = db.Accounts.AsNoTracking()
            .Where(a => a.Domain == null && a.Discoverable && a.User != null && a.User.Status == UserStatus.Active)
            .NotLimited(db)
            .WithoutBlocksWith(db.Blocks, viewerId, a => a.Id);
        var ordered = newest
            ? accounts.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            : accounts.Where(a => a.LastStatusAt != null).OrderByDescending(a => a.LastStatusAt).ThenByDescending(a => a.Id);
        return await ordered.Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User).AsSplitQuery().Skip(offset).Take(limit).ToListAsync(ct);
    }
}
