using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Aid;

/// <summary>
/// The automatic end of aid items (ADR 29): items past their expiry while open or in progress become expired, and a
/// while before that their owner is told once that the item closes soon. Both are claims in the database — a guarded
/// UPDATE — so a restart, a retry or a second server process never expires twice nor nudges twice.
/// </summary>
public sealed class AidExpiry(KindredDbContext db, Notify notify, TimeProvider time, IOptions<AidExpiryOptions> options)
{
    /// <summary>At most this many nudges per pass; the rest wait for the next one.</summary>
    public const int NudgeBatch = 200;

    /// <summary>One pass; answers how many items it expired or nudged.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var expired = await db.AidItems
            .Where(i => (i.State == AidItemState.Open || i.State == AidItemState.InProgress) && i.ExpiresAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.State, AidItemState.Expired).SetProperty(i => i.EndedAt, now).SetProperty(i => i.UpdatedAt, now), ct);

        var soon = now.AddHours(Math.Max(0, options.Value.ClosingSoonHours));
        var due = await db.AidItems.AsNoTracking()
            .Where(i => (i.State == AidItemState.Open || i.State == AidItemState.InProgress)
                && i.ClosingSoonSentAt == null && i.ExpiresAt > now && i.ExpiresAt <= soon)
            .OrderBy(i => i.ExpiresAt).Select(i => new { i.Id, i.AccountId }).Take(NudgeBatch).ToListAsync(ct);
        var nudged = 0;
        foreach (var item in due)
        {
            // The claim and the notification commit together: either both happen, or the next pass tries again.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.AidItems.Where(i => i.Id == item.Id && i.ClosingSoonSentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ClosingSoonSentAt, now), ct);
            if (claimed == 1)
            {
                // A reminder about the owner's own item: it comes "from" them, as Mastodon's poll notifications do.
                notify.AddRegardless(now, NotificationTypes.AidClosingSoon, item.AccountId, item.AccountId, new NotificationAbout(AidItemId: item.Id));
                await db.SaveChangesAsync(ct);
                nudged++;
            }
            await transaction.CommitAsync(ct);
        }
        return expired + nudged;
    }
}
