using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>
/// Accepting and dismissing notification requests (ADR 79). Accepting shows the sender's held-back notifications and lets
/// their next ones through the policy (a <see cref="NotificationPermission"/>); dismissing deletes the held-back ones,
/// and a later notification from the sender starts a new request, as in Mastodon.
/// </summary>
public sealed class NotificationRequestService(KindredDbContext db, NotificationRequestQueries requests, TimeProvider time)
{
    /// <summary>Accepts one request; 404 when the member has none from that sender.</summary>
    public async Task AcceptAsync(long accountId, long fromAccountId, CancellationToken ct = default)
    {
        if (await AcceptManyAsync(accountId, [fromAccountId], ct) == 0)
        {
            throw KindredException.NotFound();
        }
    }

    /// <summary>Dismisses one request; 404 when the member has none from that sender.</summary>
    public async Task DismissAsync(long accountId, long fromAccountId, CancellationToken ct = default)
    {
        if (await DismissManyAsync(accountId, [fromAccountId], ct) == 0)
        {
            throw KindredException.NotFound();
        }
    }

    /// <returns>How many of the requests were pending and are now accepted; the others are left alone.</returns>
    public async Task<int> AcceptManyAsync(long accountId, IReadOnlyCollection<long> fromAccountIds, CancellationToken ct = default)
    {
        var pending = await requests.PendingAmongAsync(accountId, fromAccountIds, ct);
        if (pending.Count == 0)
        {
            return 0;
        }
        var now = time.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async () =>
        {
            var known = await db.NotificationPermissions.Where(p => p.AccountId == accountId && pending.Contains(p.FromAccountId)).Select(p => p.FromAccountId).ToListAsync(ct);
            db.NotificationPermissions.AddRange(pending.Except(known).Select(from => new NotificationPermission { AccountId = accountId, FromAccountId = from, CreatedAt = now }));
            await db.SaveChangesAsync(ct);
            await db.Notifications.Where(n => n.AccountId == accountId && n.Filtered && pending.Contains(n.FromAccountId))
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.Filtered, false), ct);
        }, ct);
        return pending.Count;
    }

    /// <returns>How many of the requests were pending and are now dismissed.</returns>
    public async Task<int> DismissManyAsync(long accountId, IReadOnlyCollection<long> fromAccountIds, CancellationToken ct = default)
    {
        var pending = await requests.PendingAmongAsync(accountId, fromAccountIds, ct);
        if (pending.Count > 0)
        {
            await db.Notifications.Where(n => n.AccountId == accountId && n.Filtered && pending.Contains(n.FromAccountId)).ExecuteDeleteAsync(ct);
        }
        return pending.Count;
    }
}
