using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>Dismissing notifications. Creating them happens inside each action, through <see cref="Notify"/>.</summary>
public sealed class NotificationService(KindredDbContext db)
{
    public async Task DismissAsync(long accountId, long id, CancellationToken ct = default)
    {
        if (await db.Notifications.Where(n => n.AccountId == accountId && n.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            throw KindredException.NotFound();
        }
    }

    /// <summary>Dismisses every notification of a group ("ungrouped-{id}" for one), held back or not (ADR 79).</summary>
    public Task DismissGroupAsync(long accountId, string key, CancellationToken ct = default) =>
        NotificationGroupQueries.OfKey(db.Notifications.Where(n => n.AccountId == accountId), key).ExecuteDeleteAsync(ct);

    public Task ClearAsync(long accountId, CancellationToken ct = default) =>
        db.Notifications.Where(n => n.AccountId == accountId).ExecuteDeleteAsync(ct);
}
